"""Writes the edXML samples of this folder (run once; the outputs are committed).

Each sample imitates how one public implementation writes edXML (STANDARDS.md §1):
``vpcp_sdk_edoc_new.edxml`` the VPCP SDK sample's canonical form; ``bkav_document.edxml``
Bkav (``Manifest`` with ``xlink:href`` = content id, ``Business`` spelling,
``dd/MM/yyyy HH:mm:ss``, ``cid:`` ids, ``edXML:`` prefix on ContentTransferEncoded, a .txt
zipped as application/zip); ``lson_document.edxml`` (content ids without ``cid:``);
``gw_document.edxml`` (default namespace, no prefix, every payload zipped);
``status_change-acceptance_15.edxml`` (the .NET SDK status file); ``bkav_recall_1``,
``bkav_update_2`` and ``bkav_replace_3`` (BussinessDocType 1/2/3 with the reason,
BussinessDocumentInfo/ReceiverList and ReplacementInfoList, as Bkav writes them).

    python tests/interchange/samples/make_samples.py
"""

import base64
import io
import pathlib
import sys
import zipfile

from reportlab.pdfgen import canvas

HERE = pathlib.Path(__file__).resolve().parent


def small_pdf(text):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pageCompression=1, invariant=1)
    pdf.setFont("Times-Roman", 13)
    pdf.drawString(72, 760, text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def zipped(name, data):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(name, date_time=(2026, 3, 2, 8, 0, 0))
        archive.writestr(info, data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def b64(data):
    return base64.b64encode(data).decode("ascii")


PDF_CV = small_pdf("Cong van 245/UBND-VP ve viec bao cao cong tac van thu nam 2026")
PDF_TT = small_pdf("To trinh 31/TTr-SNV ve viec phe duyet ke hoach")
TXT = "Ghi chú: văn bản gửi kèm bản giấy.\n".encode()
DOCX_LIKE = b"PK-not-really-a-docx: phu luc kem theo"

SDK = f"""<?xml version="1.0" encoding="utf-8"?>
<edXML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
  <edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
    <edXML:edXMLHeader>
      <edXML:MessageHeader>
        <edXML:From>
          <edXML:OrganId>000.00.00.H53</edXML:OrganId>
          <edXML:OrganizationInCharge>Văn phòng UBND tỉnh</edXML:OrganizationInCharge>
          <edXML:OrganName>UBND tỉnh Tây Ninh</edXML:OrganName>
          <edXML:OrganAdd>83 Phạm Tung, Phường 3, TP Tây Ninh</edXML:OrganAdd>
          <edXML:Email>vanthu@tayninh.gov.vn</edXML:Email>
          <edXML:Telephone>0276 3822 100</edXML:Telephone>
          <edXML:Fax />
          <edXML:Website>tayninh.gov.vn</edXML:Website>
        </edXML:From>
        <edXML:To>
          <edXML:OrganId>000.00.12.H53</edXML:OrganId>
          <edXML:OrganName>Sở Nội vụ tỉnh Tây Ninh</edXML:OrganName>
        </edXML:To>
        <edXML:To>
          <edXML:OrganId>H53.07</edXML:OrganId>
          <edXML:OrganName>Sở Tài chính tỉnh Tây Ninh</edXML:OrganName>
        </edXML:To>
        <edXML:DocumentId>000.00.00.H53,2026/03/02,245/UBND-VP</edXML:DocumentId>
        <edXML:Code>
          <edXML:CodeNumber>245</edXML:CodeNumber>
          <edXML:CodeNotation>UBND-VP</edXML:CodeNotation>
        </edXML:Code>
        <edXML:PromulgationInfo>
          <edXML:Place>Tây Ninh</edXML:Place>
          <edXML:PromulgationDate>2026/03/02</edXML:PromulgationDate>
        </edXML:PromulgationInfo>
        <edXML:DocumentType>
          <edXML:Type>1</edXML:Type>
          <edXML:TypeDetail>0</edXML:TypeDetail>
          <edXML:TypeName>Công văn</edXML:TypeName>
        </edXML:DocumentType>
        <edXML:Subject>V/v báo cáo công tác văn thư, lưu trữ năm 2026</edXML:Subject>
        <edXML:Content>Đề nghị các sở báo cáo trước ngày 20/3/2026.</edXML:Content>
        <edXML:SignerInfo>
          <edXML:Competence>KT. CHỦ TỊCH</edXML:Competence>
          <edXML:Position>PHÓ CHỦ TỊCH</edXML:Position>
          <edXML:FullName>Nguyễn Văn An</edXML:FullName>
        </edXML:SignerInfo>
        <edXML:DueDate>2026/03/20</edXML:DueDate>
        <edXML:OtherInfo>
          <edXML:Priority>1</edXML:Priority>
          <edXML:SphereOfPromulgation />
          <edXML:TyperNotation>VT</edXML:TyperNotation>
          <edXML:PromulgationAmount>2</edXML:PromulgationAmount>
          <edXML:PageAmount>1</edXML:PageAmount>
        </edXML:OtherInfo>
        <edXML:SteeringType>1</edXML:SteeringType>
        <edXML:ToPlaces>
          <edXML:Place>Như trên</edXML:Place>
          <edXML:Place>Lưu: VT</edXML:Place>
        </edXML:ToPlaces>
      </edXML:MessageHeader>
      <edXML:TraceHeaderList id="7b4a7b0e-7c55-4c43-9d7e-1a2b3c4d5e6f" version="1.0" mustUnderstand="1" actor="http://schemas.xmlsoap.org/soap/actor/next">
        <edXML:TraceHeader>
          <edXML:OrganId>000.00.00.H53</edXML:OrganId>
          <edXML:Timestamp>2026/03/02 09:15:00</edXML:Timestamp>
        </edXML:TraceHeader>
        <edXML:Bussiness>
          <edXML:BussinessDocType>0</edXML:BussinessDocType>
          <edXML:BussinessDocReason />
          <edXML:StaffInfo>
            <edXML:Department>Văn phòng</edXML:Department>
            <edXML:Staff>Trần Thị Bình</edXML:Staff>
            <edXML:Mobile>0912345678</edXML:Mobile>
            <edXML:Email>binh.tt@tayninh.gov.vn</edXML:Email>
          </edXML:StaffInfo>
          <edXML:Paper>0</edXML:Paper>
        </edXML:Bussiness>
      </edXML:TraceHeaderList>
      <edXML:DigitalSignature />
    </edXML:edXMLHeader>
    <edXML:edXMLBody>
      <edXML:edXMLManifest version="1.0">
        <edXML:Reference xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="cid:3f1c1f0a-9d43-4f5e-8a45-2b9f7f0c1a11" xlink:role="XLinkRole" xlink:type="simple">
          <edXML:Description>Công văn</edXML:Description>
          <edXML:AttachmentName>245-UBND-VP.pdf</edXML:AttachmentName>
          <edXML:ContentType>application/pdf</edXML:ContentType>
          <edXML:ContentId>3f1c1f0a-9d43-4f5e-8a45-2b9f7f0c1a11</edXML:ContentId>
        </edXML:Reference>
      </edXML:edXMLManifest>
    </edXML:edXMLBody>
  </edXML:edXMLEnvelope>
  <AttachmentEncoded>
    <Attachment>
      <ContentType>application/pdf</ContentType>
      <ContentId>3f1c1f0a-9d43-4f5e-8a45-2b9f7f0c1a11</ContentId>
      <Description>Công văn</Description>
      <ContentTransferEncoded>{b64(PDF_CV)}</ContentTransferEncoded>
      <AttachmentName>245-UBND-VP.pdf</AttachmentName>
    </Attachment>
  </AttachmentEncoded>
</edXML>
"""

# Bkav: Manifest/Reference with xlink:href = content id and xlink:type = content type,
# Business spelling, dd/MM/yyyy (HH:mm:ss), cid: ids, edXML: on ContentTransferEncoded,
# base64 wrapped at 76 columns, a .txt zipped as application/zip.
BKAV = f"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016" xmlns:xlink="http://www.w3.org/1999/xlink">
<edXML:edXMLEnvelope>
<edXML:edXMLHeader>
<edXML:MessageHeader>
<edXML:From><edXML:OrganId>000.00.12.H53</edXML:OrganId><edXML:OrganName>Sở Nội vụ tỉnh Tây Ninh</edXML:OrganName></edXML:From>
<edXML:To><edXML:OrganId>000.00.00.H53</edXML:OrganId><edXML:OrganName>UBND tỉnh Tây Ninh</edXML:OrganName></edXML:To>
<edXML:DocumentId>000.00.12.H53,2026/03/05,31/TTr-SNV</edXML:DocumentId>
<edXML:Code><edXML:CodeNumber>31</edXML:CodeNumber><edXML:CodeNotation>TTr-SNV</edXML:CodeNotation></edXML:Code>
<edXML:PromulgationInfo><edXML:Place>Tây Ninh</edXML:Place><edXML:PromulgationDate>05/03/2026</edXML:PromulgationDate></edXML:PromulgationInfo>
<edXML:DocumentType><edXML:Type>2</edXML:Type><edXML:TypeDetail>-1</edXML:TypeDetail><edXML:TypeName>Tờ trình</edXML:TypeName></edXML:DocumentType>
<edXML:Subject>Tờ trình phê duyệt kế hoạch tuyển dụng công chức năm 2026</edXML:Subject>
<edXML:Content></edXML:Content>
<edXML:SignerInfo><edXML:Competence>Truc tiep</edXML:Competence><edXML:Position>GIÁM ĐỐC</edXML:Position><edXML:FullName>Lê Văn Cường</edXML:FullName></edXML:SignerInfo>
<edXML:DueDate>15/03/2026 00:00:00</edXML:DueDate>
<edXML:OtherInfo><edXML:Priority>2</edXML:Priority><edXML:SphereOfPromulgation></edXML:SphereOfPromulgation><edXML:TyperNotation>NV</edXML:TyperNotation><edXML:PromulgationAmount>1</edXML:PromulgationAmount><edXML:PageAmount>2</edXML:PageAmount><edXML:Direction>false</edXML:Direction></edXML:OtherInfo>
<edXML:SteeringType>0</edXML:SteeringType>
<edXML:ToPlaces><edXML:Place>UBND tỉnh</edXML:Place></edXML:ToPlaces>
</edXML:MessageHeader>
<edXML:TraceHeaderList>
<edXML:TraceHeader><edXML:OrganId>000.00.12.H53</edXML:OrganId><edXML:Timestamp>05/03/2026 14:02:31</edXML:Timestamp></edXML:TraceHeader>
<edXML:Business><edXML:BusinessDocType>0</edXML:BusinessDocType><edXML:BusinessDocReason></edXML:BusinessDocReason><edXML:Paper>1</edXML:Paper></edXML:Business>
</edXML:TraceHeaderList>
<Signature/>
</edXML:edXMLHeader>
<edXML:edXMLBody>
<Manifest>
<Reference xlink:href="cid:9a0e5d3c-1111-4a2b-9c3d-000000000001" xlink:type="application/pdf"><AttachmentName>31-TTr-SNV.pdf</AttachmentName><Description>Tờ trình</Description></Reference>
<Reference xlink:href="cid:9a0e5d3c-1111-4a2b-9c3d-000000000002" xlink:type="application/zip"><AttachmentName>ghi-chu.txt</AttachmentName><Description>Ghi chú</Description></Reference>
</Manifest>
</edXML:edXMLBody>
</edXML:edXMLEnvelope>
<AttachmentEncoded>
<Attachment><ContentType>application/pdf</ContentType><ContentId>cid:9a0e5d3c-1111-4a2b-9c3d-000000000001</ContentId><Description>Tờ trình</Description><edXML:ContentTransferEncoded>{base64.encodebytes(PDF_TT).decode("ascii")}</edXML:ContentTransferEncoded><AttachmentName>31-TTr-SNV.pdf</AttachmentName></Attachment>
<Attachment><ContentType>application/zip</ContentType><ContentId>cid:9a0e5d3c-1111-4a2b-9c3d-000000000002</ContentId><Description>Ghi chú</Description><edXML:ContentTransferEncoded>{b64(zipped("ghi-chu.txt", TXT))}</edXML:ContentTransferEncoded><AttachmentName>ghi-chu.txt</AttachmentName></Attachment>
</AttachmentEncoded>
</edXML>
"""

# LSON: the SDK layout, Type=18 "Công văn", content ids without cid: anywhere.
LSON = f"""<?xml version="1.0" encoding="utf-8"?>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
  <edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
    <edXML:edXMLHeader>
      <edXML:MessageHeader>
        <edXML:From><edXML:OrganId>H37.DN.001</edXML:OrganId><edXML:OrganName>Doanh nghiệp mẫu Lạng Sơn</edXML:OrganName></edXML:From>
        <edXML:To><edXML:OrganId>000.00.00.H53</edXML:OrganId><edXML:OrganName>UBND tỉnh Tây Ninh</edXML:OrganName></edXML:To>
        <edXML:DocumentId>H37.DN.001,2026/03/09,12/CV-DN</edXML:DocumentId>
        <edXML:Code><edXML:CodeNumber>12</edXML:CodeNumber><edXML:CodeNotation>CV-DN</edXML:CodeNotation></edXML:Code>
        <edXML:PromulgationInfo><edXML:Place>Lạng Sơn</edXML:Place><edXML:PromulgationDate>2026/03/09</edXML:PromulgationDate></edXML:PromulgationInfo>
        <edXML:DocumentType><edXML:Type>18</edXML:Type><edXML:TypeDetail>0</edXML:TypeDetail><edXML:TypeName>Công văn</edXML:TypeName></edXML:DocumentType>
        <edXML:Subject>V/v đề nghị cung cấp thông tin dự án</edXML:Subject>
        <edXML:Content>Đề nghị cung cấp thông tin</edXML:Content>
        <edXML:SignerInfo><edXML:Competence /><edXML:Position>Giám đốc</edXML:Position><edXML:FullName>Hoàng Thị Dung</edXML:FullName></edXML:SignerInfo>
        <edXML:DueDate />
        <edXML:OtherInfo><edXML:Priority>0</edXML:Priority><edXML:PromulgationAmount>1</edXML:PromulgationAmount><edXML:PageAmount>1</edXML:PageAmount></edXML:OtherInfo>
        <edXML:SteeringType>0</edXML:SteeringType>
      </edXML:MessageHeader>
      <edXML:TraceHeaderList id="lson-0001" version="1.0" mustUnderstand="1" actor="http://schemas.xmlsoap.org/soap/actor/next">
        <edXML:TraceHeader><edXML:OrganId>H37.DN.001</edXML:OrganId><edXML:Timestamp>2026/03/09 10:00:00</edXML:Timestamp></edXML:TraceHeader>
        <edXML:Bussiness><edXML:BussinessDocType>0</edXML:BussinessDocType><edXML:BussinessDocReason /><edXML:Paper>0</edXML:Paper></edXML:Bussiness>
      </edXML:TraceHeaderList>
      <edXML:DigitalSignature />
    </edXML:edXMLHeader>
    <edXML:edXMLBody>
      <edXML:edXMLManifest version="1.0">
        <edXML:Reference xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="5d1c7a2e-2222-4b5c-8d9e-00000000000a" xlink:role="XLinkRole" xlink:type="simple">
          <edXML:Description /><edXML:AttachmentName>12-CV-DN.pdf</edXML:AttachmentName><edXML:ContentType>application/pdf</edXML:ContentType><edXML:ContentId>5d1c7a2e-2222-4b5c-8d9e-00000000000a</edXML:ContentId>
        </edXML:Reference>
      </edXML:edXMLManifest>
    </edXML:edXMLBody>
  </edXML:edXMLEnvelope>
  <AttachmentEncoded>
    <Attachment>
      <ContentType>application/pdf</ContentType>
      <ContentId>5d1c7a2e-2222-4b5c-8d9e-00000000000a</ContentId>
      <Description />
      <ContentTransferEncoded>{b64(PDF_CV)}</ContentTransferEncoded>
      <AttachmentName>12-CV-DN.pdf</AttachmentName>
    </Attachment>
  </AttachmentEncoded>
</edXML>
"""

# GW: default namespace, no prefix at all, every payload zipped (name kept, or .ext.zip).
GW = f"""<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
<edXMLEnvelope>
<edXMLHeader>
<MessageHeader>
<From><OrganId>G09</OrganId><OrganName>Bộ Nội vụ</OrganName></From>
<To><OrganId>000.00.00.H53</OrganId><OrganName>UBND tỉnh Tây Ninh</OrganName></To>
<DocumentId>G09,2026/03/10,1024/BNV-CCVC</DocumentId>
<Code><CodeNumber>1024</CodeNumber><CodeNotation>BNV-CCVC</CodeNotation></Code>
<PromulgationInfo><Place>Hà Nội</Place><PromulgationDate>2026/03/10</PromulgationDate></PromulgationInfo>
<DocumentType><Type>1</Type><TypeDetail>0</TypeDetail><TypeName>Công văn</TypeName></DocumentType>
<Subject>V/v hướng dẫn đánh giá, xếp loại công chức</Subject>
<Content>Hướng dẫn</Content>
<SignerInfo><Competence>KT. BỘ TRƯỞNG</Competence><Position>THỨ TRƯỞNG</Position><FullName>Phạm Văn Em</FullName></SignerInfo>
<DueDate></DueDate>
<OtherInfo><Priority>3</Priority><PromulgationAmount>1</PromulgationAmount><PageAmount>3</PageAmount></OtherInfo>
<SteeringType>0</SteeringType>
</MessageHeader>
<TraceHeaderList id="gw-1" version="1.0" mustUnderstand="1" actor="http://schemas.xmlsoap.org/soap/actor/next">
<TraceHeader><OrganId>G09</OrganId><Timestamp>2026/03/10 16:45:12</Timestamp></TraceHeader>
<Bussiness><BussinessDocType>0</BussinessDocType><BussinessDocReason></BussinessDocReason><Paper>0</Paper></Bussiness>
</TraceHeaderList>
</edXMLHeader>
<edXMLBody>
<edXMLManifest version="1.0">
<Reference xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="cid:gw-att-1" xlink:role="XLinkRole" xlink:type="simple"><Description/><AttachmentName>1024-BNV-CCVC.pdf</AttachmentName><ContentType>application/zip</ContentType><ContentId>gw-att-1</ContentId></Reference>
<Reference xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="cid:gw-att-2" xlink:role="XLinkRole" xlink:type="simple"><Description/><AttachmentName>phu-luc.docx.zip</AttachmentName><ContentType>application/zip</ContentType><ContentId>gw-att-2</ContentId></Reference>
</edXMLManifest>
</edXMLBody>
</edXMLEnvelope>
<AttachmentEncoded>
<Attachment><ContentType>application/zip</ContentType><ContentId>gw-att-1</ContentId><Description/><ContentTransferEncoded>{b64(zipped("1024-BNV-CCVC.pdf", PDF_TT))}</ContentTransferEncoded><AttachmentName>1024-BNV-CCVC.pdf</AttachmentName></Attachment>
<Attachment><ContentType>application/zip</ContentType><ContentId>gw-att-2</ContentId><Description/><ContentTransferEncoded>{b64(zipped("phu-luc.docx", DOCX_LIKE))}</ContentTransferEncoded><AttachmentName>phu-luc.docx.zip</AttachmentName></Attachment>
</AttachmentEncoded>
</edXML>
"""

# .NET SDK status file: edXML: prefix everywhere, StatusCode 15, dd/MM/yyyy HH:mm:ss.
STATUS_15 = """<?xml version="1.0" encoding="utf-8"?>
<edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
  <edXML:edXMLEnvelope>
    <edXML:edXMLHeader>
      <edXML:MessageHeader>
        <edXML:From>
          <edXML:OrganId>000.00.12.H53</edXML:OrganId>
          <edXML:OrganName>Sở Nội vụ tỉnh Tây Ninh</edXML:OrganName>
        </edXML:From>
        <edXML:ResponseFor>
          <edXML:OrganId>000.00.00.H53</edXML:OrganId>
          <edXML:Code>245/UBND-VP</edXML:Code>
          <edXML:PromulgationDate>02/03/2026</edXML:PromulgationDate>
          <edXML:DocumentId>000.00.00.H53,2026/03/02,245/UBND-VP</edXML:DocumentId>
        </edXML:ResponseFor>
        <edXML:StaffInfo>
          <edXML:Department>Văn thư</edXML:Department>
          <edXML:Staff>Ngô Thị Hoa</edXML:Staff>
          <edXML:Mobile />
          <edXML:Email />
        </edXML:StaffInfo>
        <edXML:StatusCode>15</edXML:StatusCode>
        <edXML:Description>Đồng ý lấy lại văn bản</edXML:Description>
        <edXML:Timestamp>03/03/2026 08:05:09</edXML:Timestamp>
      </edXML:MessageHeader>
    </edXML:edXMLHeader>
  </edXML:edXMLEnvelope>
</edXML>
"""


def business_sample(doc_type, reason, business_extra):
    """A Bkav-style recall/update/replace: no attachment, Bussiness with its details."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
<edXML:edXMLEnvelope>
<edXML:edXMLHeader>
<edXML:MessageHeader>
<edXML:From><edXML:OrganId>000.00.00.H53</edXML:OrganId><edXML:OrganName>UBND tỉnh Tây Ninh</edXML:OrganName></edXML:From>
<edXML:To><edXML:OrganId>000.00.12.H53</edXML:OrganId><edXML:OrganName>Sở Nội vụ tỉnh Tây Ninh</edXML:OrganName></edXML:To>
<edXML:DocumentId>000.00.00.H53,2026/03/02,245/UBND-VP</edXML:DocumentId>
<edXML:Code><edXML:CodeNumber>245</edXML:CodeNumber><edXML:CodeNotation>UBND-VP</edXML:CodeNotation></edXML:Code>
<edXML:PromulgationInfo><edXML:Place>Tây Ninh</edXML:Place><edXML:PromulgationDate>02/03/2026</edXML:PromulgationDate></edXML:PromulgationInfo>
<edXML:DocumentType><edXML:Type>1</edXML:Type><edXML:TypeDetail>0</edXML:TypeDetail><edXML:TypeName>Công văn</edXML:TypeName></edXML:DocumentType>
<edXML:Subject>V/v báo cáo công tác văn thư, lưu trữ năm 2026</edXML:Subject>
<edXML:SignerInfo><edXML:Competence>KT. CHỦ TỊCH</edXML:Competence><edXML:Position>PHÓ CHỦ TỊCH</edXML:Position><edXML:FullName>Nguyễn Văn An</edXML:FullName></edXML:SignerInfo>
</edXML:MessageHeader>
<edXML:TraceHeaderList>
<edXML:TraceHeader><edXML:OrganId>000.00.00.H53</edXML:OrganId><edXML:Timestamp>04/03/2026 10:20:00</edXML:Timestamp></edXML:TraceHeader>
<edXML:Bussiness>
<edXML:DocumentId>000.00.00.H53,2026/03/02,245/UBND-VP</edXML:DocumentId>
<edXML:BussinessDocType>{doc_type}</edXML:BussinessDocType>
<edXML:BussinessDocReason>{reason}</edXML:BussinessDocReason>
<edXML:Paper>0</edXML:Paper>
<edXML:StaffInfo><edXML:Department>Văn phòng</edXML:Department><edXML:Staff>Trần Thị Bình</edXML:Staff><edXML:Mobile/><edXML:Email/></edXML:StaffInfo>
{business_extra}</edXML:Bussiness>
</edXML:TraceHeaderList>
</edXML:edXMLHeader>
<edXML:edXMLBody/>
</edXML:edXMLEnvelope>
</edXML>
"""


RECALL_1 = business_sample(1, "Thu hồi do sai sót nơi nhận", "")
UPDATE_2 = business_sample(
    2,
    "Cập nhật nơi nhận",
    """<edXML:BussinessDocumentInfo>
<edXML:DocumentInfo>0</edXML:DocumentInfo>
<edXML:DocumentReceiver>1</edXML:DocumentReceiver>
<edXML:ReceiverList>
<edXML:Receiver><edXML:ReceiverType>1</edXML:ReceiverType><edXML:OrganId>H53.07</edXML:OrganId></edXML:Receiver>
<edXML:Receiver><edXML:ReceiverType>0</edXML:ReceiverType><edXML:OrganId>000.00.12.H53</edXML:OrganId></edXML:Receiver>
</edXML:ReceiverList>
</edXML:BussinessDocumentInfo>
""",
)
REPLACE_3 = business_sample(
    3,
    "Thay thế Công văn 240/UBND-VP",
    """<edXML:ReplacementInfoList>
<edXML:ReplacementInfo>
<edXML:DocumentId>000.00.00.H53,2026/02/27,240/UBND-VP</edXML:DocumentId>
<edXML:OrganIdList><edXML:OrganId>000.00.12.H53</edXML:OrganId></edXML:OrganIdList>
</edXML:ReplacementInfo>
</edXML:ReplacementInfoList>
""",
)

SAMPLES = {
    "vpcp_sdk_edoc_new.edxml": SDK,
    "bkav_document.edxml": BKAV,
    "lson_document.edxml": LSON,
    "gw_document.edxml": GW,
    "status_change-acceptance_15.edxml": STATUS_15,
    "bkav_recall_1.edxml": RECALL_1,
    "bkav_update_2.edxml": UPDATE_2,
    "bkav_replace_3.edxml": REPLACE_3,
}


def main():
    for file_name, content in SAMPLES.items():
        (HERE / file_name).write_text(content, encoding="utf-8", newline="\n")
        sys.stdout.write(f"{file_name}\n")


if __name__ == "__main__":
    main()
