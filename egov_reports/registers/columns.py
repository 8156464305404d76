"""The columns of the NĐ 30/2020 Phụ lục IV registers, in the order the decree lists them.

The register books are statutory Vietnamese forms: their headings are the decree's own words,
printed in Vietnamese whatever the language of the person printing them, so they are kept
verbatim here rather than translated.

Each column is ``(key, heading, relative width)``; rows are dicts keyed by ``key``.
"""

#: Sổ đăng ký văn bản đi ("tối thiểu gồm 10 nội dung")
OUTGOING = (
    ("number_notation", "Số, ký hiệu văn bản", 9),
    ("document_date", "Ngày tháng văn bản", 7),
    ("type_subject", "Tên loại và trích yếu nội dung văn bản", 24),
    ("signer", "Người ký", 9),
    ("recipients", "Nơi nhận văn bản", 14),
    ("file_copy", "Đơn vị, người nhận bản lưu", 10),
    ("copies", "Số lượng bản", 5),
    ("sent_on", "Ngày chuyển", 7),
    ("signature", "Ký nhận", 6),
    ("note", "Ghi chú", 9),
)

#: Sổ đăng ký văn bản đến ("tối thiểu gồm 10 nội dung")
INCOMING = (
    ("arrival_date", "Ngày đến", 7),
    ("arrival_number", "Số đến", 5),
    ("author", "Tác giả", 13),
    ("number_notation", "Số, ký hiệu văn bản", 9),
    ("document_date", "Ngày tháng văn bản", 7),
    ("type_subject", "Tên loại và trích yếu nội dung văn bản", 24),
    ("receiver", "Đơn vị hoặc người nhận", 12),
    ("sent_on", "Ngày chuyển", 7),
    ("signature", "Ký nhận", 6),
    ("note", "Ghi chú", 10),
)

#: Sổ theo dõi giải quyết văn bản đến (7 nội dung)
TRACKING = (
    ("arrival_number", "Số đến", 5),
    ("document", "Tên loại, số, ký hiệu, ngày tháng và tên cơ quan ban hành văn bản", 30),
    ("receiver", "Đơn vị hoặc người nhận", 15),
    ("deadline", "Thời hạn giải quyết", 9),
    ("progress", "Tiến độ giải quyết", 16),
    ("reply", "Số, ký hiệu văn bản trả lời", 12),
    ("note", "Ghi chú", 13),
)

BOOKS = {"outgoing": OUTGOING, "incoming": INCOMING, "tracking": TRACKING}

TITLES = {
    "outgoing": "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
    "incoming": "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN",
    "tracking": "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN",
}

#: the note of a voided number; numbering is gap-free, so the number stays in the book
VOIDED = "Hủy số"

URGENCY = {
    "urgent": "Khẩn",
    "very_urgent": "Thượng khẩn",
    "flash": "Hỏa tốc",
    "flash_timed": "Hỏa tốc hẹn giờ",
}

INCOMING_STATE_NOTES = {
    "returned": "Đã trả lại nơi gửi",
    "recalled": "Bị thu hồi",
    "deleted": "Đã xóa",
}

OUTGOING_STATE_NOTES = {
    "recalled": "Đã thu hồi",
    "replaced": "Đã được thay thế",
    "cancelled": "Đã hủy",
}

LEAD = "Chủ trì"
COORDINATORS = "Phối hợp"
FILE_COPY_CLERK = "VT"

PROGRESS = {
    "unassigned": "Chưa phân công",
    "assigned": "Đã giao, chưa tiếp nhận",
    "in_progress": "Đang giải quyết",
    "done": "Đã giải quyết",
    "returned": "Bị trả lại",
    "overdue": "Quá hạn",
}


def headings(book):
    """The headings of ``book`` ('outgoing', 'incoming' or 'tracking'), in order."""
    return [heading for _key, heading, _width in BOOKS[book]]


def cells(book, row):
    """The cells of ``row`` in the order of ``book``'s columns, as text."""
    return [str(row.get(key) or "") for key, _heading, _width in BOOKS[book]]
