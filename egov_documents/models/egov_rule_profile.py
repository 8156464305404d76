import re

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import ValidationError

DEFAULT_LOGIN_PATTERN = r"^[a-z0-9]+\.[a-z0-9]+$"
ISSUE_RULES = [
    ("same_day", "The day it is signed"),
    ("next_morning", "By the next working morning"),
    ("next_day", "By the next working day"),
]

# The profile fields a citation may point at, in the order the citation table lists them.
CITED_FIELDS = (
    "present_working_days",
    "urgent_present_minutes",
    "issue_rule",
    "issue_next_morning_hour",
    "default_handling_days",
    "reminder_lead_days",
    "outage_threshold_hours",
    "login_pattern",
    "force_password_change",
    "lock_unused_days",
    "revoke_inactive_days",
    "password_min_length",
    "report_quarterly",
    "report_due_day",
    "report_half_year",
    "report_annual",
    "paper_copy_central",
    "paper_copy_party_council",
    "paper_copy_justice_appraisal",
    "paper_copy_permanent",
    "paper_copy_type_ids",
    "excluded_content",
)


class EgovRuleProfile(models.Model):
    """The rules of one provincial regulation on electronic documents, as numbers and choices.

    The five provinces whose regulations ship as presets (Tây Ninh 52/2019, Kon Tum 2019,
    Thái Bình 17/2019, Sơn La 2588/2018, Bến Tre 44/2017) differ on deadlines, report cadence,
    account policy, outage handling and paper copies. The rules of this module read these
    values through ``res.company._egov_rule_profile()``; every value cites its article.
    """

    _name = "egov.rule.profile"
    _description = "Rule Profile"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short unique code, e.g. tay_ninh.")
    regulation = fields.Char(
        required=True, help="The regulation these rules come from, e.g. Quyết định 52/2019/QĐ-UBND."
    )
    active = fields.Boolean(default=True)

    # Incoming documents
    present_working_days = fields.Integer(
        string="Present Incoming Within (Working Days)",
        default=1,
        help="Incoming documents are registered and presented within this many working days "
        "of arrival; 1 means the next working day at the latest.",
    )
    urgent_present_minutes = fields.Integer(
        string="Present Urgent Incoming Within (Minutes)",
        default=60,
        help="Urgent (hỏa tốc, thượng khẩn, khẩn) documents are presented immediately, "
        "measured as within this many minutes of working time after arrival.",
    )
    # Outgoing documents
    issue_rule = fields.Selection(
        ISSUE_RULES,
        string="Issue Signed Documents",
        required=True,
        default="next_day",
        help="A signed document is issued the day it is signed: by the end of that working "
        "day, at the latest the next working morning, or at the latest the next working day "
        "(NĐ 30/2020 Điều 18.1).",
    )
    issue_next_morning_hour = fields.Float(
        string="Next Morning Until (Hour)",
        default=0.0,
        help="With 'by the next working morning': the local hour of that morning by which it "
        "is issued, e.g. 12.0; 0 means the end of the calendar's morning working period.",
    )
    # Handling
    default_handling_days = fields.Integer(
        string="Default Handling Deadline (Working Days)",
        default=10,
        help="Deadline of an assignment when the document and the leader set none.",
    )
    reminder_lead_days = fields.Integer(
        string="Remind Before Deadline (Days)",
        default=1,
        help="Assignees are reminded this many days before their deadline.",
    )
    outage_threshold_hours = fields.Float(
        string="Switch to Paper After (Working Hours)",
        default=0.0,
        help="When the system is down longer than this, the agency handles documents on paper "
        "(0: the regulation sets no threshold).",
    )
    # Account policy
    login_pattern = fields.Char(
        default=DEFAULT_LOGIN_PATTERN,
        help="Regular expression every login matches, by default tencanhan.tendonvi.",
    )
    force_password_change = fields.Boolean(
        string="Force Password Change at First Login", default=True
    )
    lock_unused_days = fields.Integer(
        string="Lock Accounts Never Used After (Days)",
        default=30,
        help="An account nobody logged in with within this many days of its creation is "
        "locked (0: never).",
    )
    revoke_inactive_days = fields.Integer(
        string="Revoke Accounts Inactive For (Days)",
        default=60,
        help="An account without login for this many days is revoked (0: never).",
    )
    password_min_length = fields.Integer(string="Minimum Password Length", default=8)
    # Reports
    report_quarterly = fields.Boolean(string="Quarterly Report", default=True)
    report_due_day = fields.Integer(
        default=15,
        help="Day of the month by which the periodic report is sent (Tây Ninh 52/2019 Điều 13.4: "
        "the 15th of the quarter's last month).",
    )
    report_half_year = fields.Boolean(string="Half-Year Report")
    report_annual = fields.Boolean(string="Annual Report", default=True)
    # Paper copies
    paper_copy_central = fields.Boolean(
        string="Paper Copy to Central Agencies",
        default=True,
        help="Documents sent to central agencies are also sent on paper.",
    )
    paper_copy_party_council = fields.Boolean(
        string="Paper Copy to Party, People's Council and People's Committee",
        help="Documents sent to Party bodies, People's Councils and People's Committees are also "
        "sent on paper.",
    )
    paper_copy_justice_appraisal = fields.Boolean(
        string="Paper Copy to Justice for Appraisal",
        help="Drafts sent to the Department of Justice for appraisal are also sent on paper.",
    )
    paper_copy_permanent = fields.Boolean(
        string="Paper Copy of Permanent-Retention Documents",
        help="Documents kept permanently are also kept and sent on paper.",
    )
    paper_copy_type_ids = fields.Many2many(
        "egov.document.type",
        "egov_rule_profile_paper_type_rel",
        "profile_id",
        "type_id",
        string="Paper Copy Document Types",
        help="Documents of these types are also sent on paper.",
    )
    excluded_content = fields.Text(
        help="Documents the regulation keeps out of the electronic system.",
    )
    citation_ids = fields.One2many("egov.rule.profile.citation", "profile_id", string="Citations")
    citation_table = fields.Html(
        compute="_compute_citation_table", sanitize=False, string="Values and Their Articles"
    )

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Another rule profile already has this code."),
    ]

    @api.constrains(
        "present_working_days",
        "urgent_present_minutes",
        "issue_next_morning_hour",
        "default_handling_days",
        "reminder_lead_days",
        "outage_threshold_hours",
        "lock_unused_days",
        "revoke_inactive_days",
        "password_min_length",
        "report_due_day",
        "login_pattern",
    )
    def _check_values(self):
        for profile in self:
            if profile.present_working_days < 1:
                raise ValidationError(
                    self.env._(
                        "Rule profile %(profile)s: incoming documents are presented within at "
                        "least 1 working day.",
                        profile=profile.name,
                    )
                )
            if profile.default_handling_days < 1:
                raise ValidationError(
                    self.env._(
                        "Rule profile %(profile)s: the default handling deadline is at least "
                        "1 working day.",
                        profile=profile.name,
                    )
                )
            negative = [
                profile._fields[name].get_description(self.env)["string"]
                for name in (
                    "urgent_present_minutes",
                    "reminder_lead_days",
                    "outage_threshold_hours",
                    "lock_unused_days",
                    "revoke_inactive_days",
                    "password_min_length",
                )
                if profile[name] < 0
            ]
            if negative:
                raise ValidationError(
                    self.env._(
                        "Rule profile %(profile)s: %(fields)s cannot be negative.",
                        profile=profile.name,
                        fields=", ".join(negative),
                    )
                )
            if not 0 <= profile.issue_next_morning_hour <= 24:
                raise ValidationError(
                    self.env._(
                        "Rule profile %(profile)s: the next-morning hour must be between 0 and 24.",
                        profile=profile.name,
                    )
                )
            if not 1 <= profile.report_due_day <= 28:
                raise ValidationError(
                    self.env._(
                        "Rule profile %(profile)s: the report due day must be between 1 and 28 "
                        "(a day every month has).",
                        profile=profile.name,
                    )
                )
            if profile.login_pattern:
                try:
                    re.compile(profile.login_pattern)
                except re.error as error:
                    raise ValidationError(
                        self.env._(
                            "Rule profile %(profile)s: the login pattern %(pattern)s is not a "
                            "valid regular expression: %(error)s",
                            profile=profile.name,
                            pattern=profile.login_pattern,
                            error=error,
                        )
                    ) from error

    @api.depends("citation_ids.field_name", "citation_ids.article", *CITED_FIELDS)
    def _compute_citation_table(self):
        head = Markup("<tr><th>%s</th><th>%s</th><th>%s</th></tr>") % (
            self.env._("Rule"),
            self.env._("Value"),
            self.env._("Article"),
        )
        for profile in self:
            articles = {}
            for citation in profile.citation_ids:
                articles.setdefault(citation.field_name, []).append(citation.article)
            rows = [
                Markup("<tr><td>%s</td><td>%s</td><td>%s</td></tr>")
                % (
                    profile._fields[name].get_description(self.env)["string"],
                    profile._egov_display_value(name),
                    "; ".join(articles.get(name, [])) or "—",
                )
                for name in CITED_FIELDS
            ]
            profile.citation_table = (
                Markup('<table class="table table-sm o_egov_rule_profile_citations">')
                + head
                + Markup("").join(rows)
                + Markup("</table>")
            )

    @api.model
    def _egov_province_profile(self):
        """The province's profile (system parameter ``egov_documents.province_rule_profile``,
        an xml id or a database id, set by the province administrator), else Tây Ninh's."""
        profiles = self.sudo().with_context(active_test=False)
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("egov_documents.province_rule_profile", "")
            .strip()
        )
        profile = profiles.browse()
        if param.isdigit():
            profile = profiles.browse(int(param)).exists()
        elif param:
            profile = self.env.ref(param, raise_if_not_found=False) or profiles.browse()
            if profile and profile._name != self._name:
                profile = profiles.browse()
        if not profile:
            profile = self.env.ref("egov_documents.rule_profile_tay_ninh", raise_if_not_found=False)
        if not profile:
            profile = profiles.search([], limit=1)
        return profile.sudo()

    def _egov_display_value(self, name):
        field = self._fields[name]
        value = self[name]
        if field.type == "boolean":
            return self.env._("Yes") if value else self.env._("No")
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "")
        if field.type == "many2many":
            return ", ".join(value.mapped("display_name")) or "—"
        return escape(value if value not in (False, None) else "—")


class EgovRuleProfileCitation(models.Model):
    """Where a value of a rule profile comes from: the article of the regulation."""

    _name = "egov.rule.profile.citation"
    _description = "Rule Profile Citation"
    _order = "profile_id, sequence, id"

    profile_id = fields.Many2one("egov.rule.profile", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    field_name = fields.Selection(selection="_selection_field_name", string="Rule", required=True)
    article = fields.Char(required=True, help="E.g. Điều 10.2, or NĐ 30/2020 Điều 24.")
    note = fields.Char(help="The words of the regulation, or why the default applies.")

    @api.model
    def _selection_field_name(self):
        profile_fields = self.env["egov.rule.profile"]._fields
        return [
            (name, profile_fields[name].get_description(self.env)["string"])
            for name in CITED_FIELDS
            if name in profile_fields
        ] + [
            (name, field.get_description(self.env)["string"])
            for name, field in profile_fields.items()
            if name == "accepted_ca_ids"
        ]
