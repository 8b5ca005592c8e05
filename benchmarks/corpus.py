"""A generated corpus of raw Vietnamese document texts for benchmarks (deterministic from a seed).

Provincial Chỉ thị, Kế hoạch with task lines and Công văn across provinces and years, citing a few laws and
decrees that almost every document cites (power-law in-degree) and earlier documents of their own province
(implementation chains).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

PROVINCES = ("Lào Cai", "Lai Châu", "Hà Giang", "Yên Bái", "Sơn La", "Điện Biên", "Cao Bằng", "Lạng Sơn",
             "Tuyên Quang", "Thái Nguyên", "Phú Thọ", "Bắc Kạn", "Nghệ An", "Thanh Hóa", "Quảng Nam", "Gia Lai")
NATIONAL = (
    ("Luật", "06/2022/QH15", "15/6/2022", "Quốc hội", "Thi đua, khen thưởng"),
    ("Nghị định", "98/2023/NĐ-CP", "31/12/2023", "Chính phủ", "quy định chi tiết thi hành Luật Thi đua, khen thưởng"),
    ("Chỉ thị", "34-CT/TW", "07/4/2014", "Bộ Chính trị", "về tiếp tục đổi mới công tác thi đua, khen thưởng"),
    ("Chỉ thị", "19/CT-TTg", "16/7/2021", "Thủ tướng Chính phủ", "về việc phát động thi đua thực hiện thắng lợi"),
    ("Thông tư", "12/2019/TT-BNV", "04/11/2019", "Bộ Nội vụ", "hướng dẫn thi hành Luật Thi đua, khen thưởng"),
)
AGENCIES = ("Sở Nội vụ", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Thông tin và Truyền thông",
            "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh")
KINDS = (("CHỈ THỊ", "CT", "Chỉ thị"), ("KẾ HOẠCH", "KH", "Kế hoạch"), ("QUYẾT ĐỊNH", "QĐ", "Quyết định"))


@dataclass(frozen=True, slots=True)
class Issued:
    province: str
    number: str
    kind: str
    date: str


def _body(rng: random.Random, size: int) -> str:
    lines = []
    n = 1
    while sum(len(x.encode()) for x in lines) < size:
        agency = rng.choice(AGENCIES)
        partner = rng.choice(AGENCIES)
        lines.append(f"{n}. {agency} chủ trì, phối hợp với {partner} tổ chức triển khai phong trào thi đua, "
                     f"tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày {rng.randint(1, 28)}/"
                     f"{rng.randint(1, 12)}/2025; phấn đấu tỷ lệ hồ sơ xử lý đúng hạn đạt {rng.randint(80, 99)}%.")
        n += 1
    return "\n".join(lines)


def generate(n: int, seed: int = 1, size: int = 6_000) -> list[tuple[str, str]]:
    """``n`` (file name, text) pairs."""
    rng = random.Random(seed)
    issued: dict[str, list[Issued]] = {p: [] for p in PROVINCES}
    out = []
    for i in range(n):
        province = PROVINCES[i % len(PROVINCES)]
        year = 2023 + (i * 7 // max(n, 1)) % 3
        heading, code, kind = KINDS[rng.randrange(len(KINDS))]
        number = f"{len(issued[province]) + 1:02d}/{code}-UBND"
        same_year = [d for d in issued[province] if d.date.endswith(str(year))]
        day, month = 1 + len(same_year) % 28, 1 + (len(same_year) // 28) % 12  # later number, later date
        cites = [c for c in NATIONAL if int(c[2][-4:]) < year and rng.random() < (0.9 if c[0] == "Luật" else 0.3)]
        basis = "\n".join(f"Căn cứ {t} số {num} ngày {d} của {who} {title};" for t, num, d, who, title in cites)
        chain = "".join(f" Thực hiện {d.kind} số {d.number} ngày {d.date} của UBND tỉnh {province};"
                        for d in same_year[-1:])
        text = (f"ỦY BAN NHÂN DÂN\nTỈNH {province.upper()}\nSố: {number}\n"
                f"{province}, ngày {day:02d} tháng {month:02d} năm {year}\n\n{heading}\n"
                f"Về việc triển khai phong trào thi đua năm {year}\n\n{basis}\n{chain}\n"
                f"Ủy ban nhân dân tỉnh {province} yêu cầu:\n{_body(rng, size)}\n\n"
                f"TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn {chr(65 + i % 26)}\n")
        issued[province].append(Issued(province, number, kind, f"{day:02d}/{month:02d}/{year}"))
        out.append((f"{i:06d}.txt", text))
    return out


def write(n: int, out: Path, seed: int = 1) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate(n, seed):
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
