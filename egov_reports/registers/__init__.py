"""Pure helpers of the NĐ 30/2020 registers (no Odoo import): periods and the xlsx book."""
