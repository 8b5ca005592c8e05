"""Words of the generated corpus (:mod:`benchmarks.corpus`): provinces, laws, agencies, topics, campaigns, targets
and the neutral sentences that fill a body.

The filler says nothing the reader would take for a fact: no law named, no number with a unit next to "chỉ tiêu",
no quoted name after "thi đua", no sentence opening with "Giao", "Đề nghị" or "Yêu cầu", no line that starts with
an agency and a colon. Every fact a generated document holds is put there on purpose and recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph import vocab

__all__ = ["AGENCIES", "CAMPAIGNS", "FILLER", "LAWS", "PROVINCES", "TOPICS", "Law", "Province", "Topic"]


@dataclass(frozen=True, slots=True)
class Province:
    """A province (or centrally run city) as its documents write it."""

    name: str  # 'Lào Cai'
    place: str  # the place line: 'Lào Cai', 'Bà Rịa' (the reader does not take a place with a hyphen)
    city: bool = False  # 'THÀNH PHỐ HÀ NỘI', 'UBND thành phố'

    @property
    def level(self) -> str:
        return "thành phố" if self.city else "tỉnh"


_CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"}
_PLACES = {"Bà Rịa - Vũng Tàu": "Bà Rịa", "Hồ Chí Minh": "Thành phố Hồ Chí Minh", "Thừa Thiên Huế": "Huế"}
PROVINCES: tuple[Province, ...] = tuple(Province(name, _PLACES.get(name, name), name in _CITIES)
                                      for name in vocab.PROVINCES if name != "Huế")  # Huế: the city, not a province


@dataclass(frozen=True, slots=True)
class Law:
    """A law of ``graph/data/laws.json`` (number and date of adoption as there; tests check they agree)."""

    number: str
    date: dt.date
    name: str  # without the word 'Luật': 'Thi đua, khen thưởng'


def _law(number: str, date: str, name: str) -> Law:
    return Law(number, dt.date.fromisoformat(date), name)


LAWS: tuple[Law, ...] = (
    _law("77/2015/QH13", "2015-06-19", "Tổ chức chính quyền địa phương"),
    _law("65/2025/QH15", "2025-02-19", "Tổ chức chính quyền địa phương"),
    _law("72/2025/QH15", "2025-06-16", "Tổ chức chính quyền địa phương"),
    _law("76/2015/QH13", "2015-06-19", "Tổ chức Chính phủ"),
    _law("63/2025/QH15", "2025-02-18", "Tổ chức Chính phủ"),
    _law("80/2015/QH13", "2015-06-22", "Ban hành văn bản quy phạm pháp luật"),
    _law("64/2025/QH15", "2025-02-19", "Ban hành văn bản quy phạm pháp luật"),
    _law("15/2003/QH11", "2003-11-26", "Thi đua, khen thưởng"),
    _law("06/2022/QH15", "2022-06-15", "Thi đua, khen thưởng"),
    _law("22/2008/QH12", "2008-11-13", "Cán bộ, công chức"),
    _law("58/2010/QH12", "2010-11-15", "Viên chức"),
    _law("83/2015/QH13", "2015-06-25", "Ngân sách nhà nước"),
    _law("39/2019/QH14", "2019-06-13", "Đầu tư công"),
    _law("58/2024/QH15", "2024-11-29", "Đầu tư công"),
    _law("44/2013/QH13", "2013-11-26", "Thực hành tiết kiệm, chống lãng phí"),
    _law("45/2013/QH13", "2013-11-29", "Đất đai"),
    _law("31/2024/QH15", "2024-01-18", "Đất đai"),
    _law("50/2014/QH13", "2014-06-18", "Xây dựng"),
    _law("72/2020/QH14", "2020-11-17", "Bảo vệ môi trường"),
    _law("36/2018/QH14", "2018-11-20", "Phòng, chống tham nhũng"),
    _law("25/2018/QH14", "2018-06-12", "Tố cáo"),
    _law("42/2013/QH13", "2013-11-25", "Tiếp công dân"),
    _law("14/2012/QH13", "2012-06-20", "Phổ biến, giáo dục pháp luật"),
    _law("51/2005/QH11", "2005-11-29", "Giao dịch điện tử"),
    _law("20/2023/QH15", "2023-06-22", "Giao dịch điện tử"),
    _law("67/2006/QH11", "2006-06-29", "Công nghệ thông tin"),
    _law("24/2018/QH14", "2018-06-12", "An ninh mạng"),
    _law("60/2024/QH15", "2024-11-30", "Dữ liệu"),
    _law("27/2001/QH10", "2001-06-29", "Phòng cháy và chữa cháy"),
    _law("23/2008/QH12", "2008-11-13", "Giao thông đường bộ"),
    _law("36/2024/QH15", "2024-06-27", "Trật tự, an toàn giao thông đường bộ"),
    _law("43/2019/QH14", "2019-06-14", "Giáo dục"),
    _law("58/2014/QH13", "2014-11-20", "Bảo hiểm xã hội"),
    _law("41/2024/QH15", "2024-06-29", "Bảo hiểm xã hội"),
    _law("25/2008/QH12", "2008-11-14", "Bảo hiểm y tế"),
    _law("09/2017/QH14", "2017-06-19", "Du lịch"),
    _law("16/2017/QH14", "2017-11-15", "Lâm nghiệp"),
    _law("33/2013/QH13", "2013-06-19", "Phòng, chống thiên tai"),
    _law("08/2017/QH14", "2017-06-19", "Thủy lợi"),
    _law("31/2018/QH14", "2018-11-19", "Trồng trọt"),
    _law("32/2018/QH14", "2018-11-19", "Chăn nuôi"),
    _law("57/2020/QH14", "2020-06-16", "Thanh niên"),
    _law("102/2016/QH13", "2016-04-05", "Trẻ em"),
    _law("01/2011/QH13", "2011-11-11", "Lưu trữ"),
    _law("33/2024/QH15", "2024-06-21", "Lưu trữ"),
    _law("11/2022/QH15", "2022-11-14", "Thanh tra"),
    _law("22/2023/QH15", "2023-06-23", "Đấu thầu"),
    _law("15/2017/QH14", "2017-06-21", "Quản lý, sử dụng tài sản công"),
    _law("73/2021/QH14", "2021-03-30", "Phòng, chống ma túy"),
)
# The laws every provincial document of the UBND is based on, by the date they became the one to cite.
GOVERNANCE_LAW = "Tổ chức chính quyền địa phương"

# Agencies of a province as documents name them. No commas inside a name (a comma ends an agency in a sentence).
AGENCIES: tuple[str, ...] = (
    "Sở Nội vụ", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Tư pháp", "Sở Công Thương", "Sở Xây dựng",
    "Sở Giao thông vận tải", "Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Lao động - Thương binh và Xã hội", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Khoa học và Công nghệ",
    "Sở Thông tin và Truyền thông", "Sở Văn hóa - Thể thao và Du lịch", "Thanh tra tỉnh", "Văn phòng UBND tỉnh",
    "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Ban Dân tộc tỉnh", "Đài Phát thanh và Truyền hình tỉnh",
    "Bảo hiểm xã hội tỉnh", "Liên đoàn Lao động tỉnh", "Tỉnh đoàn",
)
# Who a Sở's letters and plans come from: (agency, its code in a số ký hiệu, the unit code).
DEPARTMENTS: tuple[tuple[str, str, str], ...] = (
    ("Sở Nội vụ", "SNV", "TĐKT"), ("Sở Tài chính", "STC", "QLNS"), ("Sở Y tế", "SYT", "NVY"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", "VP"), ("Sở Tư pháp", "STP", "PBGDPL"),
    ("Sở Thông tin và Truyền thông", "STTTT", "CNTT"), ("Sở Tài nguyên và Môi trường", "STNMT", "QLĐĐ"),
)
LETTER_UNITS = ("VX", "KT", "NC", "TH", "KGVX", "NV", "XD", "TCD")


@dataclass(frozen=True, slots=True)
class Topic:
    """A subject documents are about: the laws it rests on, its sentences, its indicators and campaigns."""

    name: str  # 'cải cách hành chính'
    laws: tuple[str, ...]  # names of LAWS
    lead: str  # the agency that usually leads its tasks
    sentences: tuple[str, ...]
    indicators: tuple[tuple[str, str, float, float], ...]  # (indicator, unit, low, high)
    campaign: str  # a campaign of the topic launched nationally


_SUPPORT = ("Bảo hiểm xã hội tỉnh", "Ban Dân tộc tỉnh", "Tỉnh đoàn")
TOPICS: tuple[Topic, ...] = (
    Topic("công tác thi đua, khen thưởng", ("Thi đua, khen thưởng",), "Sở Nội vụ", (
        "Các cơ quan, đơn vị, địa phương đổi mới nội dung, hình thức tổ chức các phong trào thi đua gắn với nhiệm vụ "
        "chính trị được giao, bảo đảm thiết thực, hiệu quả, tránh hình thức.",
        "Việc bình xét danh hiệu thi đua, hình thức khen thưởng phải bảo đảm chính xác, công khai, minh bạch, kịp "
        "thời, đúng đối tượng, đúng thành tích.",
        "Chú trọng khen thưởng người lao động trực tiếp, tập thể nhỏ, cá nhân ở cơ sở, vùng sâu, vùng xa, vùng đồng "
        "bào dân tộc thiểu số.",
        "Kịp thời phát hiện, bồi dưỡng, biểu dương và nhân rộng các điển hình tiên tiến, gương người tốt, việc tốt "
        "trên các lĩnh vực của đời sống xã hội.",
    ), (("Tỷ lệ cơ quan, đơn vị tổ chức phát động phong trào thi đua", "%", 90, 100),
        ("Tỷ lệ khen thưởng người lao động trực tiếp", "%", 30, 60),
        ("Tỷ lệ hồ sơ khen thưởng được thẩm định đúng thời hạn", "%", 90, 100)),
        "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn 2023 - 2030"),
    Topic("cải cách hành chính", ("Cán bộ, công chức", "Viên chức"), "Sở Nội vụ", (
        "Đẩy mạnh cải cách thủ tục hành chính, cắt giảm thời gian giải quyết, chi phí tuân thủ cho người dân và doanh "
        "nghiệp.",
        "Thực hiện nghiêm việc tiếp nhận và giải quyết thủ tục hành chính theo cơ chế một cửa, một cửa liên thông.",
        "Tăng cường kỷ luật, kỷ cương hành chính, nâng cao trách nhiệm người đứng đầu trong thực thi công vụ.",
        "Kiện toàn tổ chức bộ máy theo hướng tinh gọn, hoạt động hiệu lực, hiệu quả.",
    ), (("Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn", "%", 95, 100),
        ("Tỷ lệ thủ tục hành chính được cung cấp dịch vụ công trực tuyến toàn trình", "%", 60, 100),
        ("Mức độ hài lòng của người dân và doanh nghiệp", "%", 85, 98)),
        "Doanh nghiệp Việt Nam hội nhập và phát triển"),
    Topic("chuyển đổi số", ("Giao dịch điện tử", "Công nghệ thông tin", "Dữ liệu"), "Sở Thông tin và Truyền thông", (
        "Phát triển hạ tầng số, nền tảng số dùng chung, kết nối, chia sẻ dữ liệu giữa các cơ quan nhà nước.",
        "Bảo đảm an toàn, an ninh thông tin trong hoạt động của các cơ quan, đơn vị trên địa bàn.",
        "Đẩy mạnh thanh toán không dùng tiền mặt, phổ cập kỹ năng số cho người dân.",
        "Xây dựng chính quyền số, kinh tế số và xã hội số, lấy người dân và doanh nghiệp làm trung tâm.",
    ), (("Tỷ lệ hồ sơ được xử lý trên môi trường mạng", "%", 80, 100),
        ("Tỷ lệ dân số trưởng thành có điện thoại thông minh", "%", 80, 95),
        ("Số doanh nghiệp công nghệ số", "doanh nghiệp", 50, 400)),
        "Cả nước thi đua đổi mới sáng tạo và chuyển đổi số"),
    Topic("phòng, chống thiên tai", ("Phòng, chống thiên tai", "Thủy lợi"), "Sở Nông nghiệp và Phát triển nông thôn", (
        "Chủ động rà soát, cập nhật phương án ứng phó thiên tai theo cấp độ rủi ro trên địa bàn.",
        "Tổ chức kiểm tra, bảo đảm an toàn hồ đập, công trình thủy lợi trước mùa mưa bão.",
        "Tăng cường tuyên truyền, nâng cao nhận thức cộng đồng về phòng ngừa, ứng phó thiên tai.",
        "Sẵn sàng lực lượng, phương tiện, vật tư theo phương châm bốn tại chỗ.",
    ), (("Tỷ lệ hộ dân vùng thường xuyên xảy ra thiên tai được tuyên truyền", "%", 85, 100),
        ("Số hộ dân vùng nguy hiểm được di dời", "hộ", 100, 2000),
        ("Tỷ lệ hồ chứa được kiểm định an toàn", "%", 70, 100)),
        "Toàn dân chung tay phòng, chống thiên tai"),
    Topic("xây dựng nông thôn mới", ("Trồng trọt", "Chăn nuôi", "Lâm nghiệp"),
          "Sở Nông nghiệp và Phát triển nông thôn", (
        "Huy động, lồng ghép các nguồn lực để đầu tư kết cấu hạ tầng kinh tế - xã hội nông thôn.",
        "Phát triển sản xuất hàng hóa gắn với chuỗi giá trị, nâng cao thu nhập cho người dân nông thôn.",
        "Giữ vững và nâng cao chất lượng các tiêu chí đối với các xã đã đạt chuẩn.",
        "Bảo tồn, phát huy giá trị văn hóa truyền thống, xây dựng cảnh quan nông thôn sáng, xanh, sạch, đẹp.",
    ), (("Số xã đạt chuẩn nông thôn mới", "xã", 10, 120), ("Tỷ lệ che phủ rừng", "%", 40, 65),
        ("Số sản phẩm đạt chuẩn OCOP", "sản phẩm", 20, 300)),
        "Cả nước chung sức xây dựng nông thôn mới"),
    Topic("giảm nghèo bền vững", ("Bảo hiểm xã hội", "Bảo hiểm y tế"), "Sở Lao động - Thương binh và Xã hội", (
        "Thực hiện đồng bộ các chính sách hỗ trợ giảm nghèo, ưu tiên vùng đồng bào dân tộc thiểu số và miền núi.",
        "Hỗ trợ phát triển sản xuất, đa dạng hóa sinh kế, nhân rộng mô hình giảm nghèo hiệu quả.",
        "Bảo đảm người nghèo được tiếp cận đầy đủ các dịch vụ xã hội cơ bản.",
        "Khuyến khích người nghèo chủ động vươn lên thoát nghèo bền vững.",
    ), (("Tỷ lệ hộ nghèo đa chiều", "%", 1, 15), ("Tỷ lệ dân số tham gia bảo hiểm y tế", "%", 90, 99),
        ("Số lao động được giải quyết việc làm", "lao động", 500, 30000)),
        "Vì người nghèo - Không để ai bị bỏ lại phía sau"),
    Topic("quản lý đất đai", ("Đất đai", "Xây dựng"), "Sở Tài nguyên và Môi trường", (
        "Tăng cường quản lý nhà nước về đất đai, xử lý dứt điểm các trường hợp vi phạm pháp luật về đất đai.",
        "Đẩy nhanh tiến độ cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình, cá nhân.",
        "Hoàn thiện hệ thống hồ sơ địa chính, cơ sở dữ liệu đất đai thống nhất trên địa bàn.",
        "Công khai quy hoạch, kế hoạch sử dụng đất theo quy định.",
    ), (("Tỷ lệ diện tích được cấp giấy chứng nhận quyền sử dụng đất lần đầu", "%", 90, 99),
        ("Diện tích đất được đo đạc chỉnh lý", "ha", 500, 20000)),
        "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí"),
    Topic("giải ngân vốn đầu tư công", ("Đầu tư công", "Ngân sách nhà nước", "Đấu thầu"), "Sở Kế hoạch và Đầu tư", (
        "Tập trung tháo gỡ khó khăn, vướng mắc trong bồi thường, giải phóng mặt bằng các dự án trọng điểm.",
        "Phân công lãnh đạo trực tiếp theo dõi, đôn đốc tiến độ thực hiện từng dự án.",
        "Kiên quyết điều chuyển vốn của các dự án chậm giải ngân sang các dự án có khả năng giải ngân tốt.",
        "Nâng cao chất lượng công tác lập, thẩm định và phê duyệt dự án đầu tư.",
    ), (("Tỷ lệ giải ngân kế hoạch vốn đầu tư công", "%", 90, 100), ("Số công trình hoàn thành", "công trình", 10, 200),
        ("Tổng vốn đầu tư toàn xã hội", "tỷ đồng", 5000, 90000)),
        "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí"),
    Topic("phổ biến, giáo dục pháp luật", ("Phổ biến, giáo dục pháp luật", "Tiếp công dân"), "Sở Tư pháp", (
        "Đổi mới hình thức phổ biến, giáo dục pháp luật, gắn với ứng dụng công nghệ thông tin.",
        "Tập trung tuyên truyền các văn bản mới ban hành liên quan trực tiếp đến người dân, doanh nghiệp.",
        "Nâng cao chất lượng hoạt động của đội ngũ báo cáo viên, tuyên truyền viên pháp luật.",
        "Xây dựng cấp xã đạt chuẩn tiếp cận pháp luật.",
    ), (("Tỷ lệ xã đạt chuẩn tiếp cận pháp luật", "%", 80, 100),
        ("Số lượt người được tuyên truyền pháp luật trực tiếp", "lượt", 1000, 90000)),
        "Toàn dân bảo vệ an ninh Tổ quốc"),
    Topic("phòng, chống tham nhũng, tiêu cực", ("Phòng, chống tham nhũng", "Tố cáo", "Thanh tra"), "Thanh tra tỉnh", (
        "Thực hiện nghiêm các quy định về công khai, minh bạch trong hoạt động của cơ quan, tổ chức, đơn vị.",
        "Kiểm soát tài sản, thu nhập của người có chức vụ, quyền hạn theo quy định.",
        "Xử lý nghiêm các hành vi nhũng nhiễu, gây phiền hà cho người dân và doanh nghiệp.",
        "Nâng cao hiệu quả công tác thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo.",
    ), (("Tỷ lệ giải quyết đơn thư khiếu nại, tố cáo thuộc thẩm quyền", "%", 85, 100),
        ("Số tiền kiến nghị thu hồi qua thanh tra", "tỷ đồng", 5, 400)),
        "Dân vận khéo"),
    Topic("thực hành tiết kiệm, chống lãng phí",
          ("Thực hành tiết kiệm, chống lãng phí", "Quản lý, sử dụng tài sản công"), "Sở Tài chính", (
        "Quản lý, sử dụng ngân sách nhà nước chặt chẽ, tiết kiệm, đúng mục đích, đúng chế độ.",
        "Rà soát, sắp xếp lại, xử lý nhà, đất và tài sản công theo quy định.",
        "Cắt giảm tối đa các khoản chi hội nghị, hội thảo, đi công tác chưa thực sự cần thiết.",
        "Công khai việc quản lý, sử dụng tài sản công tại các cơ quan, đơn vị.",
    ), (("Tỷ lệ tiết kiệm chi thường xuyên", "%", 5, 15),
        ("Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", 2000, 60000)),
        "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí"),
    Topic("bảo đảm trật tự, an toàn giao thông", ("Giao thông đường bộ", "Trật tự, an toàn giao thông đường bộ"),
          "Công an tỉnh", (
        "Tăng cường tuần tra, kiểm soát, xử lý nghiêm các hành vi vi phạm về trật tự, an toàn giao thông.",
        "Rà soát, xử lý các điểm đen, điểm tiềm ẩn tai nạn giao thông trên các tuyến đường.",
        "Đẩy mạnh tuyên truyền văn hóa giao thông trong trường học và cộng đồng dân cư.",
        "Kiểm soát chặt chẽ tải trọng phương tiện, bảo vệ kết cấu hạ tầng giao thông.",
    ), (("Tỷ lệ giảm số người chết do tai nạn giao thông", "%", 5, 10),
        ("Tỷ lệ người tham gia giao thông đội mũ bảo hiểm", "%", 95, 100)),
        "An toàn giao thông cho nụ cười ngày mai"),
    Topic("phát triển du lịch", ("Du lịch",), "Sở Văn hóa - Thể thao và Du lịch", (
        "Phát triển sản phẩm du lịch đặc trưng gắn với bảo tồn giá trị văn hóa truyền thống.",
        "Nâng cao chất lượng nguồn nhân lực du lịch, chất lượng dịch vụ tại các khu, điểm du lịch.",
        "Đẩy mạnh xúc tiến, quảng bá hình ảnh du lịch của tỉnh trên các nền tảng số.",
        "Bảo đảm môi trường du lịch an toàn, văn minh, thân thiện.",
    ), (("Tổng lượt khách du lịch", "triệu lượt", 1, 12), ("Doanh thu du lịch", "tỷ đồng", 500, 30000)),
        "Người Việt Nam ưu tiên dùng hàng Việt Nam"),
    Topic("bảo vệ môi trường", ("Bảo vệ môi trường",), "Sở Tài nguyên và Môi trường", (
        "Kiểm soát chặt chẽ các nguồn gây ô nhiễm, xử lý nghiêm các cơ sở vi phạm pháp luật về bảo vệ môi trường.",
        "Đẩy mạnh phân loại chất thải rắn sinh hoạt tại nguồn.",
        "Nâng cao năng lực quan trắc, cảnh báo môi trường trên địa bàn.",
        "Huy động cộng đồng tham gia giữ gìn vệ sinh môi trường khu dân cư.",
    ), (("Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý", "%", 85, 100),
        ("Tỷ lệ dân cư nông thôn được sử dụng nước sạch", "%", 60, 98)),
        "Chống rác thải nhựa"),
    Topic("phát triển giáo dục", ("Giáo dục", "Thanh niên", "Trẻ em"), "Sở Giáo dục và Đào tạo", (
        "Nâng cao chất lượng giáo dục toàn diện, chú trọng giáo dục đạo đức, lối sống, kỹ năng sống cho học sinh.",
        "Rà soát, sắp xếp mạng lưới trường, lớp học phù hợp với điều kiện thực tế của địa phương.",
        "Bảo đảm đủ giáo viên theo định mức, nâng cao chất lượng đội ngũ nhà giáo và cán bộ quản lý.",
        "Tăng cường cơ sở vật chất, thiết bị dạy học đáp ứng yêu cầu đổi mới chương trình.",
    ), (("Tỷ lệ trường học đạt chuẩn quốc gia", "%", 50, 90), ("Số trường được đầu tư xây dựng", "trường", 5, 80)),
        "Đổi mới, sáng tạo trong dạy và học"),
)

# Campaigns provinces launch themselves ({p}: the province, {y}: the year).
PROVINCIAL_CAMPAIGNS = (
    "Đoàn kết, kỷ cương, sáng tạo, hiệu quả năm {y}",
    "{p} chung sức xây dựng nông thôn mới",
    "Cán bộ, công chức, viên chức tỉnh {p} thi đua thực hiện văn hóa công sở",
    "Chung tay vì người nghèo tỉnh {p} - Không để ai bị bỏ lại phía sau",
)
CAMPAIGNS = tuple(t.campaign for t in TOPICS)

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Trịnh", "Đinh", "Lò", "Hà")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Quốc", "Thanh", "Hữu", "Xuân", "Ngọc", "Tiến", "Công", "Thu")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phong", "Quang", "Sơn",
         "Thắng", "Trung", "Tuấn", "Việt", "Hương", "Khánh", "Lợi", "Thành", "Trường", "Yên")

# Neutral sentences of a body ({p}: the province, {y}: the year, {level}: tỉnh / thành phố).
FILLER: tuple[str, ...] = (
    "Năm {y} là năm có ý nghĩa quan trọng, tạo nền tảng vững chắc cho việc thực hiện các mục tiêu phát triển kinh tế - "
    "xã hội của {level} trong giai đoạn tới.",
    "Bên cạnh những kết quả đạt được, vẫn còn một số hạn chế như việc triển khai ở một số nơi chưa quyết liệt, sự phối "
    "hợp giữa các ngành, các cấp có lúc chưa chặt chẽ.",
    "Dự báo thời gian tới tình hình còn nhiều khó khăn, thách thức, đòi hỏi sự nỗ lực, quyết tâm cao của cả hệ thống "
    "chính trị và Nhân dân các dân tộc trong {level}.",
    "Các cấp, các ngành cần quán triệt sâu sắc các quan điểm, mục tiêu, nhiệm vụ và giải pháp đề ra, cụ thể hóa thành "
    "chương trình, kế hoạch công tác phù hợp với điều kiện thực tế.",
    "Người đứng đầu cơ quan, đơn vị, địa phương chịu trách nhiệm trực tiếp về kết quả triển khai thực hiện trong phạm "
    "vi quản lý của mình.",
    "Tăng cường công tác kiểm tra, giám sát, kịp thời phát hiện và tháo gỡ khó khăn, vướng mắc phát sinh trong quá "
    "trình tổ chức thực hiện.",
    "Đẩy mạnh công tác thông tin, tuyên truyền để cán bộ, đảng viên và Nhân dân hiểu rõ, đồng thuận và tích cực tham "
    "gia thực hiện.",
    "Phát huy vai trò giám sát của Mặt trận Tổ quốc, các tổ chức chính trị - xã hội và cộng đồng dân cư.",
    "Định kỳ sơ kết, tổng kết, đánh giá kết quả thực hiện, rút kinh nghiệm và biểu dương các tập thể, cá nhân có thành "
    "tích tiêu biểu.",
    "Bố trí đủ nguồn lực, ưu tiên kinh phí cho các nhiệm vụ trọng tâm, trọng điểm theo phân cấp ngân sách hiện hành.",
    "Chủ động xây dựng kịch bản điều hành linh hoạt, sát với diễn biến thực tế của từng lĩnh vực, từng địa bàn.",
    "Tập trung chỉ đạo hoàn thành dứt điểm các nhiệm vụ còn tồn đọng, không để kéo dài, gây bức xúc trong dư luận.",
    "Nâng cao chất lượng công tác tham mưu, bảo đảm các văn bản được ban hành kịp thời, đúng thẩm quyền, đúng "
    "trình tự.",
    "Tăng cường phối hợp giữa các sở, ban, ngành với Ủy ban nhân dân các huyện, thị xã, thành phố trong tổ chức thực "
    "hiện.",
    "Quan tâm đào tạo, bồi dưỡng nâng cao năng lực cho đội ngũ cán bộ, công chức làm công tác chuyên môn ở cơ sở.",
    "Ứng dụng công nghệ thông tin trong quản lý, điều hành, theo dõi và đánh giá kết quả thực hiện nhiệm vụ.",
    "Kết quả thực hiện là một trong những căn cứ để đánh giá, xếp loại cơ quan, đơn vị và người đứng đầu hằng năm.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời phản ánh để được hướng dẫn.",
    "Việc triển khai phải bảo đảm thực chất, hiệu quả, tiết kiệm, tránh hình thức, phô trương, lãng phí.",
    "Các địa phương căn cứ điều kiện cụ thể lựa chọn nội dung, hình thức phù hợp, tạo sức lan tỏa rộng rãi trong xã "
    "hội.",
    "Công tác chỉ đạo, điều hành được thực hiện quyết liệt, đồng bộ, có trọng tâm, trọng điểm.",
    "Chú trọng phát hiện, bồi dưỡng và nhân rộng các mô hình hay, cách làm sáng tạo, hiệu quả ở cơ sở.",
    "Bảo đảm quốc phòng, an ninh, giữ vững ổn định chính trị, trật tự, an toàn xã hội trên địa bàn.",
    "Tiếp tục cải thiện môi trường đầu tư, kinh doanh, nâng cao năng lực cạnh tranh cấp {level}.",
)
