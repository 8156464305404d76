from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules.fileformat import sha256_hex
from .egov_cron import check_scheduler, lock_batch
from .egov_dossier_engine import code_selection, engine
from .egov_guard import is_system, system_env

OFFICER = "egov_documents.group_egov_officer"
CLERK = "egov_documents.group_egov_clerk"
AGENCY_LEADER = "egov_documents.group_egov_agency_leader"

DOSSIER_STATES = [
    ("open", "Open"),
    ("closed", "Closed"),
    ("archived", "Transferred to Archive"),
    ("destruction_pending", "Listed for Destruction"),
    ("destroyed", "Destroyed"),
]
FROZEN_STATES = ("closed", "archived", "destruction_pending", "destroyed")


class EgovDossier(models.Model):
    """A dossier (hồ sơ) of an agency, opened from its catalogue, carrying the metadata of
    NĐ 30/2020 Phụ lục VI Mục III (FileCode, Title, Maintenance, Rights, Creator, Language,
    StartDate, EndDate, DocTotal, PageTotal, Description) and its documents in order.

    Open → closed (frozen: no document added or removed, each file's SHA-256 kept) → either
    transferred to the agency archive (nộp lưu) with a transfer list, or listed for
    destruction and destroyed once every approver the agency configures agreed; a destroyed
    dossier keeps its metadata, its document list and the approval trail. The package
    (export, verification, import) is in ``egov_dossier_package.py``, destruction in
    ``egov_dossier_destruction.py``.
    """

    _name = "egov.dossier"
    _description = "Dossier"
    _inherit = ["egov.mail.thread", "mail.activity.mixin", "egov.state.machine.mixin"]
    _order = "year desc, file_code, id desc"
    _check_company_auto = True
    _rec_names_search = ["file_code", "title"]

    _egov_transitions = {
        "dossier": {
            "open": {"closed": OFFICER},
            "closed": {"archived": CLERK, "destruction_pending": CLERK},
            # destroyed only by the last approval (egov_dossier_destruction.py)
            "destruction_pending": {"closed": CLERK, "destroyed": None},
        }
    }
    # A closed dossier is the record: nothing of it changes by a plain write.
    _egov_frozen_states = {"dossier": dict.fromkeys(FROZEN_STATES, None)}
    _egov_system_fields = frozenset(
        {
            "state",
            "catalogue_line_id",
            "year",
            "notation",
            "organ_code",
            "organ_name",
            "imported",
            "closed_at",
            "closed_by_id",
            "archived_at",
            "archived_by_id",
            "destroyed_at",
            "archive_notice_sent_at",
            "closure_notice_sent_at",
            "package_attachment_id",
            "transfer_list_id",
            "destruction_round",
            "destruction_requested_at",
        }
    )

    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    catalogue_line_id = fields.Many2one(
        "egov.dossier.catalogue.line",
        index=True,
        readonly=True,
        check_company=True,
        ondelete="restrict",
    )
    # --- PL VI Mục III ----------------------------------------------------------------------
    organ_code = fields.Char(
        string="Agency Identifier",
        readonly=True,
        help="OrganId: the identifier code of the agency that formed the dossier.",
    )
    organ_name = fields.Char(string="Agency Name", readonly=True)
    year = fields.Integer(
        string="Year Formed",
        required=True,
        index=True,
        readonly=True,
        help="FileCatalog: the year the dossier was formed.",
    )
    notation = fields.Char(
        string="Dossier Number and Notation",
        required=True,
        readonly=True,
        help="FileNotation, from the dossier catalogue.",
    )
    file_code = fields.Char(
        string="Dossier Code",
        compute="_compute_file_code",
        store=True,
        index=True,
        help="FileCode: agency identifier, year and notation (NĐ 30/2020 Phụ lục VI).",
    )
    title = fields.Char(required=True, tracking=True)
    maintenance = fields.Selection(
        selection=lambda self: code_selection("MAINTENANCE"),
        string="Retention",
        required=True,
        tracking=True,
    )
    maintenance_years = fields.Integer(string="Retention (years)")
    rights = fields.Selection(
        selection=lambda self: code_selection("RIGHTS"), string="Access Regime", required=True
    )
    creator = fields.Char(
        string="Formed By", help="Creator: the unit or officer who formed the dossier."
    )
    language = fields.Selection(
        selection=lambda self: code_selection("LANGUAGES"), required=True, default="01"
    )
    start_date = fields.Date(required=True, default=fields.Date.context_today)
    end_date = fields.Date(
        help="When the work of the dossier ends; an open dossier past it is overdue for closing."
    )
    description = fields.Text()
    responsible_user_id = fields.Many2one(
        "res.users", string="Responsible Officer", index=True, check_company=True, tracking=True
    )
    department_id = fields.Many2one("hr.department", string="Responsible Unit", check_company=True)
    document_ids = fields.One2many("egov.dossier.document", "dossier_id", string="Documents")
    file_ids = fields.One2many("egov.dossier.file", "dossier_id", string="Files Kept")
    doc_total = fields.Integer(string="Number of Documents", compute="_compute_totals", store=True)
    page_total = fields.Integer(string="Number of Pages", compute="_compute_totals", store=True)
    # --- Life -------------------------------------------------------------------------------
    state = fields.Selection(
        DOSSIER_STATES,
        default="open",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    imported = fields.Boolean(readonly=True, copy=False, help="Recreated from an exported package.")
    closed_at = fields.Datetime(readonly=True, copy=False)
    closed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    archived_at = fields.Datetime(string="Transferred On", readonly=True, copy=False)
    archived_by_id = fields.Many2one(
        "res.users", string="Transferred By", readonly=True, copy=False
    )
    destroyed_at = fields.Datetime(readonly=True, copy=False)
    archive_due = fields.Date(
        string="Archive Transfer Due", compute="_compute_archive_due", store=True, index=True
    )
    closure_overdue = fields.Boolean(
        compute="_compute_closure_overdue", search="_search_closure_overdue"
    )
    archive_notice_sent_at = fields.Datetime(readonly=True, copy=False)
    closure_notice_sent_at = fields.Datetime(readonly=True, copy=False)
    package_attachment_id = fields.Many2one(
        "ir.attachment", string="Package", readonly=True, copy=False
    )
    transfer_list_id = fields.Many2one("ir.attachment", readonly=True, copy=False)
    # --- What the current user may do (from the transition table) ----------------------------
    can_edit_documents = fields.Boolean(compute="_compute_can_flags")
    can_close = fields.Boolean(compute="_compute_can_flags")
    can_transfer = fields.Boolean(compute="_compute_can_flags")
    can_list_destruction = fields.Boolean(compute="_compute_can_flags")
    can_cancel_destruction = fields.Boolean(compute="_compute_can_flags")

    @api.depends("organ_code", "year", "notation")
    def _compute_file_code(self):
        for dossier in self:
            try:
                dossier.file_code = engine().file_code(
                    dossier.organ_code or "", dossier.year, dossier.notation or ""
                )
            except (ValueError, TypeError):  # the engine's InvalidFileCode is a ValueError
                dossier.file_code = False

    @api.depends("document_ids", "document_ids.page_amount")
    def _compute_totals(self):
        for dossier in self:
            dossier.doc_total = len(dossier.document_ids)
            dossier.page_total = sum(dossier.document_ids.mapped("page_amount"))

    @api.depends("closed_at", "end_date", "company_id.egov_dossier_archive_delay_years")
    def _compute_archive_due(self):
        """NĐ 30/2020 Điều 31.1: dossiers are transferred to the agency archive within one
        year from the year the work ends. Read here as: the work ends when the dossier is
        closed (while open, on its end date), and the transfer is due on 31 December of the
        following year. The delay in years is the agency's setting (default 1)."""
        for dossier in self:
            ended = dossier.closed_at.date() if dossier.closed_at else dossier.end_date
            if not ended:
                dossier.archive_due = False
                continue
            delay = dossier.company_id.egov_dossier_archive_delay_years or 0
            dossier.archive_due = date(ended.year + max(delay, 0), 12, 31)

    def _compute_closure_overdue(self):
        today = fields.Date.context_today(self)
        for dossier in self:
            dossier.closure_overdue = bool(
                dossier.state == "open" and dossier.end_date and dossier.end_date < today
            )

    def _search_closure_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on dossiers overdue for closing."))
        overdue = ["&", ("state", "=", "open"), ("end_date", "<", fields.Date.context_today(self))]
        return overdue if (operator == "=") == value else ["!", *overdue]

    @api.depends("state", "responsible_user_id")
    @api.depends_context("uid")
    def _compute_can_flags(self):
        for dossier in self:
            allowed = set((dossier.egov_allowed_moves or "").split())
            may_work = dossier._egov_may_work()
            dossier.can_edit_documents = dossier.state == "open" and may_work
            dossier.can_close = "closed" in allowed and may_work
            dossier.can_transfer = "archived" in allowed
            dossier.can_list_destruction = "destruction_pending" in allowed
            dossier.can_cancel_destruction = (
                dossier.state == "destruction_pending" and "closed" in allowed
            )

    @api.depends("file_code", "notation", "title")
    def _compute_display_name(self):
        for dossier in self:
            dossier.display_name = " – ".join(
                part for part in (dossier.file_code or dossier.notation, dossier.title) if part
            )

    def _egov_state_machine(self):
        return "dossier", "state"

    # --- ORM ----------------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            raise UserError(
                self.env._(
                    "A dossier is opened from a line of the approved dossier catalogue "
                    "(Open Dossier) or imported from a package, never created by hand."
                )
            )
        for vals in vals_list:
            company = self.env["res.company"].browse(vals.get("company_id") or self.env.company.id)
            vals.setdefault("organ_code", company.code_qcvn102 or company.code_qd20 or "")
            vals.setdefault("organ_name", company.name)
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not is_system(self.env):
            raise UserError(
                self.env._(
                    "A dossier is never deleted: it is closed, transferred to the archive or "
                    "destroyed with approval, and its record stays."
                )
            )

    # --- Who may work on it -----------------------------------------------------------------
    def _egov_may_work(self):
        """The clerk and the agency leaders of the agency, and the responsible officer."""
        self.ensure_one()
        user = self.env.user
        return (
            user == self.responsible_user_id
            or user.has_group(CLERK)
            or user.has_group(AGENCY_LEADER)
        )

    def _egov_check_may_work(self):
        for dossier in self:
            dossier.check_access("write")
            if not (self.env.su or dossier._egov_may_work()):
                raise AccessError(
                    self.env._(
                        "Only the officer responsible for %(dossier)s, the clerk or an agency "
                        "leader may change its documents.",
                        dossier=dossier.display_name,
                    )
                )

    def _egov_check_open(self):
        for dossier in self:
            if dossier.state != "open":
                raise UserError(
                    self.env._(
                        "%(dossier)s is %(state)s: no document is added or removed any more.",
                        dossier=dossier.display_name,
                        state=dossier._egov_state_label("state", dossier.state),
                    )
                )

    # --- Documents ----------------------------------------------------------------------------
    def _egov_add_documents(self, documents):
        """Add ``documents`` to this open dossier, after the ones it has, in order.
        Documents already in it are skipped. Returns the new lines."""
        self.ensure_one()
        self._egov_check_open()
        self._egov_check_may_work()
        documents.check_access("read")
        other = documents.filtered(lambda d: d.company_id != self.company_id)
        if other:
            raise UserError(
                self.env._(
                    "%(dossier)s keeps documents of its own agency only.", dossier=self.display_name
                )
            )
        Line = system_env(self.env["egov.dossier.document"], sudo=True)
        existing = Line.search([("dossier_id", "=", self.id)])
        present = set(existing.document_id.ids)
        ordinal = max(existing.mapped("ordinal") or [0])
        vals_list = []
        for document in documents.sorted(lambda d: (d.issued_date or d.create_date.date(), d.id)):
            if document.id in present:
                continue
            ordinal += 1
            vals_list.append(
                {
                    "dossier_id": self.id,
                    "document_id": document.id,
                    "ordinal": ordinal,
                    "added_by_id": self.env.uid,
                    "added_at": fields.Datetime.now(),
                    **Line._egov_snapshot_vals(document.sudo()),
                }
            )
        lines = Line.create(vals_list)
        if lines:
            self.message_post(
                body=self.env._(
                    "Added to the dossier: %(documents)s",
                    documents=", ".join(lines.document_id.sudo().mapped("display_name")),
                )
            )
        return lines.with_env(self.env)

    def _egov_remove_lines(self, lines):
        self.ensure_one()
        self._egov_check_open()
        self._egov_check_may_work()
        system_env(lines.sudo()).unlink()
        return True

    # --- Moves ------------------------------------------------------------------------------------
    def action_close(self):
        """Close the dossier: the documents' metadata and every file's content and SHA-256
        are kept as they are now, and nothing is added or removed any more."""
        self._egov_check_may_work()
        for dossier in self:
            if not dossier.document_ids:
                raise UserError(
                    self.env._(
                        "%(dossier)s holds no document and cannot be closed.",
                        dossier=dossier.display_name,
                    )
                )
        self._egov_check_move("closed")
        for dossier in self:
            dossier._egov_snapshot_files()
            undated = dossier.document_ids.filtered(lambda line: not line.issued_date)
            if undated:
                raise UserError(
                    self.env._(
                        "%(dossier)s cannot be closed: %(documents)s has no document date yet (an unnumbered "
                        "draft). Remove it or wait until it is numbered.",
                        dossier=dossier.display_name,
                        documents=", ".join(undated.mapped("display_name")),
                    )
                )
            # Thời gian bắt đầu – kết thúc: the dates of its earliest and latest documents
            dates = dossier.document_ids.mapped("issued_date")
            dossier._egov_move(
                "closed",
                {
                    "closed_at": fields.Datetime.now(),
                    "closed_by_id": self.env.uid,
                    "start_date": min(dates),
                    "end_date": max(dates),
                },
            )
        return True

    def _egov_snapshot_files(self):
        """Refresh each line's metadata from its document and keep a copy of every file with
        its SHA-256 (the caller checked the right to close)."""
        self.ensure_one()
        Line = system_env(self.env["egov.dossier.document"], sudo=True)
        File = system_env(self.env["egov.dossier.file"], sudo=True)
        lines = Line.browse(self.document_ids.ids)
        File.search([("dossier_id", "=", self.id)]).unlink()
        vals_list = []
        for line in lines.filtered("document_id"):
            line.write(Line._egov_snapshot_vals(line.document_id))
            for sequence, file in enumerate(
                line.document_id.file_ids.sorted(lambda f: (f.sequence, f.id)), 1
            ):
                vals_list.append(
                    {
                        "line_id": line.id,
                        "sequence": sequence,
                        "name": file.name,
                        "role": file.role,
                        "datas": file.datas,
                        "document_file_id": file.id,
                    }
                )
        File.create(vals_list)

    def action_check_integrity(self):
        """Compare the files of the documents and the copies kept with the SHA-256 taken at
        closing; report what changed."""
        problems = []
        for dossier in self:
            problems += dossier._egov_integrity_problems()
        if problems:
            message = self.env._(
                "Integrity check failed: %(problems)s", problems="; ".join(problems)
            )
        else:
            message = self.env._(
                "Integrity check passed: every file matches the SHA-256 kept at closing."
            )
        for dossier in self:
            dossier.message_post(body=message)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "danger" if problems else "success",
                "sticky": bool(problems),
            },
        }

    def _egov_integrity_problems(self):
        """Messages naming each file whose content no longer matches its SHA-256."""
        self.ensure_one()
        self.check_access("read")
        if self.state in ("open", "destroyed"):
            return []
        problems = []
        for kept in self.sudo().file_ids:
            label = f"{kept.line_id.ordinal}/{kept.name}"
            if not kept.datas or sha256_hex(kept._egov_content()) != kept.sha256:
                problems.append(
                    self.env._("the copy of %(file)s kept in the dossier changed", file=label)
                )
            live = kept.document_file_id
            if live and (not live.datas or sha256_hex(kept._egov_content(live)) != kept.sha256):
                problems.append(
                    self.env._("file %(file)s of the document changed since closing", file=label)
                )
        return problems

    def action_transfer_to_archive(self):
        """Transfer closed dossiers to the agency archive (nộp lưu, NĐ 30/2020 Điều 31) with
        their transfer list (mục lục hồ sơ nộp lưu)."""
        self._egov_check_move("archived")
        transfer_list = self._egov_transfer_list()
        self._egov_move(
            "archived",
            {
                "archived_at": fields.Datetime.now(),
                "archived_by_id": self.env.uid,
                "transfer_list_id": transfer_list.id,
            },
        )
        for dossier in self:
            dossier.message_post(
                body=self.env._(
                    "Transferred to the agency archive with transfer list %(name)s.",
                    name=transfer_list.name,
                )
            )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{transfer_list.id}?download=true",
            "target": "self",
        }

    def _egov_transfer_list(self):
        """The transfer list as a CSV table (UTF-8, one row per dossier, the columns of the
        mục lục hồ sơ nộp lưu), attached to the first dossier."""
        import csv
        import io

        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
                self.env._("No."),
                self.env._("Dossier Code"),
                self.env._("Title"),
                self.env._("Start Date"),
                self.env._("End Date"),
                self.env._("Retention"),
                self.env._("Documents"),
                self.env._("Pages"),
                self.env._("Notes"),
            ]
        )
        maintenance = dict(self._fields["maintenance"]._description_selection(self.env))
        for number, dossier in enumerate(self.sorted(lambda d: (d.year, d.file_code or "")), 1):
            writer.writerow(
                [
                    number,
                    dossier.file_code,
                    dossier.title,
                    dossier.start_date or "",
                    dossier.end_date or "",
                    maintenance.get(dossier.maintenance, dossier.maintenance),
                    dossier.doc_total,
                    dossier.page_total,
                    dossier.description or "",
                ]
            )
        first = self[:1]
        name = self.env._("Transfer list %(date)s.csv", date=fields.Date.context_today(self))
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": name,
                    "raw": out.getvalue().encode("utf-8-sig"),
                    "mimetype": "text/csv",
                    "res_model": self._name,
                    "res_id": first.id,
                    "company_id": first.company_id.id,
                }
            )
        )

    # --- Helpers ----------------------------------------------------------------------------------
    def _egov_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "name": self.display_name,
        }

    def action_open_documents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "egov.dossier.document",
            "name": self.env._("Documents of %(dossier)s", dossier=self.display_name),
            "view_mode": "list,form",
            "domain": [("dossier_id", "=", self.id)],
        }

    def _egov_agency_clerks(self):
        """The clerks of this dossier's agency (not the technical administrator)."""
        self.ensure_one()
        return self.company_id._egov_users("egov_documents.group_egov_clerk")

    # --- Notices (cron) --------------------------------------------------------------------------
    @api.model
    def _cron_archive_notices(self, batch_size=200, notice_days=30):
        """Entry point of the cron: runs only as the scheduler or a settings administrator."""
        check_scheduler(self.env)
        return self.sudo()._egov_archive_notices(batch_size=batch_size, notice_days=notice_days)

    @api.model
    def _egov_archive_notices(self, batch_size=200, notice_days=30):
        """Notify the responsible officer and the agency's clerks, once, ``notice_days``
        before a dossier is due for transfer to the archive, and once when an open dossier
        passed its end date without being closed. Bounded batches, rows locked with SKIP
        LOCKED; the stamps make it safe to run twice."""
        today = fields.Date.context_today(self)
        now = fields.Datetime.now()
        due = lock_batch(
            self,
            "state IN ('open', 'closed') AND archive_due <= %s AND archive_notice_sent_at IS NULL",
            [today + timedelta(days=notice_days)],
            "archive_due",
            batch_size,
        )
        for dossier in due:
            dossier._egov_notify(
                self.env._(
                    "Archive transfer due: %(dossier)s is to be transferred to the agency archive by "
                    "%(due)s (NĐ 30/2020 Điều 31).",
                    dossier=dossier.display_name,
                    due=dossier.archive_due,
                ),
                self.env._("Transfer dossier to the archive"),
                dossier.archive_due,
            )
        system_env(due).write({"archive_notice_sent_at": now})
        overdue = lock_batch(
            self,
            "state = 'open' AND end_date < %s AND closure_notice_sent_at IS NULL",
            [today],
            "end_date",
            batch_size,
        )
        for dossier in overdue:
            dossier._egov_notify(
                self.env._(
                    "Closing overdue: %(dossier)s ended on %(end)s and is still open; close it so that it "
                    "can be transferred to the archive.",
                    dossier=dossier.display_name,
                    end=dossier.end_date,
                ),
                self.env._("Close the dossier"),
                today,
            )
        system_env(overdue).write({"closure_notice_sent_at": now})
        # No commit here: the scheduler commits each run as soon as it returns (ir.cron).
        return len(due), len(overdue)

    def _egov_notify(self, body, summary, deadline):
        self.ensure_one()
        users = self.responsible_user_id | self._egov_agency_clerks()
        self.message_post(body=body, partner_ids=users.partner_id.ids, subtype_xmlid="mail.mt_note")
        for user in users:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=deadline,
                user_id=user.id,
                summary=summary,
                note=body,
            )
