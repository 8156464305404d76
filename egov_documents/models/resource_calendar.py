from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..rules.holidays import public_holidays
from ..rules.worktime import TZ, WorkSchedule, to_local


class ResourceCalendar(models.Model):
    """Working time of an agency, as the document deadlines count it.

    Receipt time (Tây Ninh 52/2019 Điều 10.2) and "next working day" service levels
    (Kon Tum Điều 8.3, 10.3) are computed by the pure engine ``rules.worktime`` from
    this calendar's attendances and its global leaves (public holidays).
    """

    _inherit = "resource.calendar"  # pylint: disable=consider-merging-classes-inherited

    def _egov_work_schedule(self):
        """Adapt this calendar to the engine's ``WorkSchedule``; one query per call."""
        self.ensure_one()
        weekly = {}
        for attendance in self.attendance_ids:
            if attendance.day_period == "lunch" or attendance.display_type:
                continue
            if self.two_weeks_calendar and attendance.week_type != "0":
                continue
            weekly.setdefault(int(attendance.dayofweek), []).append(
                (attendance.hour_from, attendance.hour_to)
            )
        if not weekly:
            raise UserError(
                self.env._(
                    "Working calendar %(calendar)s has no working hours: deadlines and receipt "
                    "times cannot be counted.",
                    calendar=self.display_name,
                )
            )
        tz = pytz.timezone(self.tz or "Asia/Ho_Chi_Minh")
        holidays = set()
        # the calendar's days off count for every agency using it, whoever reads it: the
        # leaves belong to the calendar's company, which the reader may not be in
        for leave in self.sudo().global_leave_ids:
            start = pytz.utc.localize(leave.date_from).astimezone(tz).date()
            end = (pytz.utc.localize(leave.date_to) - timedelta(seconds=1)).astimezone(tz).date()
            day = start
            while day <= end:
                holidays.add(day)
                day += timedelta(days=1)
        weekly = {day: sorted(periods) for day, periods in weekly.items()}
        return WorkSchedule(weekly, holidays=holidays, tz=ZoneInfo(self.tz) if self.tz else TZ)

    def egov_receipt_time(self, arrived_at):
        """When a document that entered the system at ``arrived_at`` (naive UTC) counts as
        received: itself during working hours, else the start of the next working period."""
        return self._egov_to_naive_utc(self._egov_work_schedule().receipt_time(arrived_at))

    def egov_add_working_days(self, start, days):
        """End of the ``days``-th working day after ``start`` (naive UTC in, naive UTC out)."""
        return self._egov_to_naive_utc(self._egov_work_schedule().add_working_days(start, days))

    def egov_add_working_hours(self, start, hours):
        """The moment ``hours`` of working time after ``start`` (naive UTC in and out): an
        urgent document is presented within the rule profile's minutes of working time."""
        return self._egov_to_naive_utc(self._egov_work_schedule().add_working_hours(start, hours))

    def egov_next_working_morning_end(self, moment, hour=0.0):
        """End of the first working period of the working day after ``moment``'s day, or that
        day at ``hour`` (local) when the rule profile sets one: the latest time to issue a
        document signed at ``moment`` (Kon Tum Điều 10.3)."""
        schedule = self._egov_work_schedule()
        day = to_local(moment).date() + timedelta(days=1)
        for _i in range(366):
            if schedule.is_working_day(day):
                if hour:
                    local_midnight = datetime.combine(day, time.min, tzinfo=schedule.tz)
                    return self._egov_to_naive_utc(local_midnight + timedelta(hours=hour))
                return self._egov_to_naive_utc(schedule.working_periods(day)[0][1])
            day += timedelta(days=1)
        raise UserError(
            self.env._(
                "Working calendar %(calendar)s has no working day in the coming year.",
                calendar=self.display_name,
            )
        )

    @staticmethod
    def _egov_to_naive_utc(value):
        return value.astimezone(pytz.utc).replace(tzinfo=None)

    def action_egov_generate_public_holidays(self):
        """Add Vietnam's public holidays (Labour Code 2019 Art. 112 and the government's yearly
        decisions, from the ``holidays`` package) for this year and the next as global leaves. Existing leaves on those dates are kept as they are,
        so the administrator's edits after the government's yearly notice survive."""
        this_year = fields.Date.context_today(self).year
        self._egov_generate_public_holidays([this_year, this_year + 1])
        return True

    def _egov_generate_public_holidays(self, years):
        Leave = self.env["resource.calendar.leaves"]
        for calendar in self:
            tz = pytz.timezone(calendar.tz or "Asia/Ho_Chi_Minh")
            existing = {
                pytz.utc.localize(leave.date_from).astimezone(tz).date()
                for leave in calendar.global_leave_ids
            }
            vals_list = []
            for year in years:
                for day, name in public_holidays(year):
                    if day in existing:
                        continue
                    start = tz.localize(datetime.combine(day, time.min))
                    vals_list.append(
                        {
                            "name": name,
                            "calendar_id": calendar.id,
                            "company_id": calendar.company_id.id,
                            "resource_id": False,
                            "date_from": start.astimezone(pytz.utc).replace(tzinfo=None),
                            "date_to": (start + timedelta(days=1))
                            .astimezone(pytz.utc)
                            .replace(tzinfo=None),
                            "time_type": "leave",
                        }
                    )
            Leave.create(vals_list)

    @api.model
    def _egov_cron_generate_public_holidays(self):
        """Yearly: make sure every agency calendar knows next year's public holidays."""
        this_year = fields.Date.context_today(self).year
        calendars = self.search([("egov_is_agency_calendar", "=", True)])
        calendars._egov_generate_public_holidays([this_year, this_year + 1])

    egov_is_agency_calendar = fields.Boolean(
        string="Agency Working Calendar",
        help="Public holidays are generated for this calendar every year.",
    )


#: the name the agency calendar shipped with up to 18.0.1.1.0 (renamed in Vietnamese since)
OLD_AGENCY_CALENDAR_NAME = "Office Hours (Mon-Fri 07:30-11:30, 13:30-17:00)"


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    def _prepare_resource_calendar_values(self):
        """A new agency created without a calendar gets its own copy of the agency office
        hours, named in Vietnamese, instead of Odoo's "Standard 40 hours/week"."""
        agency = self.env.ref(
            "egov_documents.resource_calendar_egov_office_hours", raise_if_not_found=False
        )
        if not agency:
            return super()._prepare_resource_calendar_values()
        values = agency.sudo().copy_data({"company_id": self.id})[0]
        values["name"] = agency.sudo().name
        return values

    @api.model
    def _egov_adopt_agency_calendar(self):
        """Existing databases: the agency calendar takes its Vietnamese name, and the people
        of agencies working on it leave Odoo's "Standard 40 hours/week" for it."""
        agency = self.env.ref(
            "egov_documents.resource_calendar_egov_office_hours", raise_if_not_found=False
        )
        standard = self.env.ref("resource.resource_calendar_std", raise_if_not_found=False)
        if not agency:
            return 0
        agency = agency.sudo()
        if agency.name == OLD_AGENCY_CALENDAR_NAME:
            agency.name = "Giờ làm việc hành chính (thứ Hai – thứ Sáu, 7:30–11:30, 13:30–17:00)"
        if not standard:
            return 0
        companies = self.sudo().search([("resource_calendar_id", "=", agency.id)])
        resources = (
            self.env["resource.resource"]
            .sudo()
            .with_context(active_test=False)
            .search([("calendar_id", "=", standard.id), ("company_id", "in", companies.ids)])
        )
        resources.write({"calendar_id": agency.id})
        return len(resources)
