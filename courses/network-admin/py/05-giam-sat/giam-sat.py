# %% [markdown]
# # Bài 5. Giám sát và dung lượng: độ trễ, mất gói, độ sẵn sàng, SLA và băng thông họp trực tuyến
#
# *Khóa Quản trị mạng và hệ thống — dành cho cán bộ công nghệ thông tin (CNTT).*
#
# **Điều kiện tiên quyết:** Bài 1–2; dùng được `pandas` ở mức cơ bản (`read_csv`, lọc dòng,
# `groupby`); biết múi giờ và kiểu `datetime` có múi giờ.
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. tính tỉ lệ mất gói (packet loss) và độ trễ khứ hồi (round-trip time, RTT) từ dữ liệu ping;
# 2. tính độ sẵn sàng (availability) trong một khoảng thời gian, đúng múi giờ và đúng biên;
# 3. kiểm tra cam kết chất lượng dịch vụ (service level agreement, SLA) trong giờ hành chính;
# 4. đổi bộ đếm SNMP (`ifInOctets`, kiểu Counter32) thành tốc độ Mbit/s, xử lý khi bộ đếm
#    quay vòng;
# 5. lập kế hoạch băng thông cho họp trực tuyến từ tỉnh xuống xã;
# 6. phát hiện các đợt độ trễ cao kéo dài để cảnh báo.
#
# **Cách làm bài.** Viết mã vào chỗ `# VIẾT MÃ CỦA BẠN Ở ĐÂY`, rồi chạy ô kiểm tra ngay bên
# dưới; khi chấm, hệ thống chạy thêm các **kiểm thử ẩn**. Điểm ghi ở tiêu đề từng phần (tổng
# 19 điểm: 16 điểm chấm tự động, 3 điểm câu suy ngẫm do giảng viên chấm). Trước khi nộp,
# hãy chọn *Kernel → Restart & Run All*.
#
# **Kiểu dữ liệu.** Kiểm thử so sánh cả kiểu: pandas và numpy trả về `numpy.float64`,
# `numpy.int64`, `numpy.bool_`; hãy đổi sang kiểu của Python bằng `float(...)`, `int(...)`,
# `bool(...)` trước khi trả về.
#
# **Bối cảnh.** Máy chủ giám sát ở Trung tâm dữ liệu tỉnh Sơn Hà cứ 5 phút gửi 5 gói ping tới
# bộ định tuyến của bốn khu vực (Tân Lập, Yên Hòa, Đông Sơn, Sơn Cao: các điểm tập trung mạng
# đặt tại trụ sở UBND huyện cũ, gom đường truyền của các xã, phường lân cận; xem Bài 1) qua
# mạng truyền số liệu chuyên dùng (TSLCD), và đọc bộ đếm SNMP của cổng nối bộ định tuyến lõi
# với TSLCD. Dữ liệu xuất ra **theo giờ UTC** (đuôi `Z`), như phần lớn hệ thống giám sát. Tệp
# `ping-khu-vuc.csv` gồm ba ngày 08–10/3/2026 theo giờ Việt Nam (08/3 là Chủ nhật); tệp
# `snmp-cong-tslcd.csv` gồm ngày 10/3/2026.

# %% nbgrader={"grade": false, "grade_id": "du-lieu-giam-sat", "locked": true, "schema_version": 3, "solution": false}
import pandas as pd

GIO_VN = "Asia/Ho_Chi_Minh"  # UTC+7

PING = pd.read_csv("ping-khu-vuc.csv")
PING["thoi_gian"] = pd.to_datetime(PING["thoi_gian"], utc=True)
SNMP = pd.read_csv("snmp-cong-tslcd.csv")
SNMP["thoi_gian"] = pd.to_datetime(SNMP["thoi_gian"], utc=True)

print(PING.head())
print(PING.groupby("diem_do")["nhan"].describe())

# %% [markdown]
# ## Phần 1. Mất gói và độ trễ (3 điểm)
#
# Mỗi dòng của `PING` là một lần đo: `gui` gói đã gửi (5), `nhan` gói nhận được trả lời,
# `rtt_ms` độ trễ khứ hồi trung bình của các gói được trả lời (để trống — `NaN` — khi không
# nhận được gói nào). Hai chỉ số cơ bản của một đường truyền:
#
# - **tỉ lệ mất gói** (%) = 100 × (1 − tổng `nhan` / tổng `gui`) — tính theo **gói**, không
#   phải theo số lần đo mất hết gói;
# - **độ trễ**: trung bình và phân vị 95 (95th percentile) của `rtt_ms` trên các lần đo có trả
#   lời. Phân vị 95 cho biết "hầu hết thời gian độ trễ không vượt quá bao nhiêu", ít bị ảnh
#   hưởng bởi vài giá trị đột biến hơn giá trị lớn nhất.
#
# Ví dụ với pandas: `Series.mean()` và `Series.quantile(0.95)` tự bỏ qua `NaN`.

# %%
tan_lap = PING[PING["diem_do"] == "Tân Lập"]
print("Tân Lập:", tan_lap["rtt_ms"].mean(), tan_lap["rtt_ms"].quantile(0.95))

# %% [markdown]
# ### Bài tập 1 (3 điểm)
#
# Viết hàm `thong_ke_ping(df)` trả về `dict` tên điểm đo → `dict` với ba khóa `"mat_goi"`
# (tỉ lệ mất gói, %), `"rtt_tb"` (trung bình `rtt_ms`), `"rtt_p95"` (`quantile(0.95)` mặc định
# của pandas). Giá trị là `float` của Python (đổi bằng `float(...)`).


# %% nbgrader={"grade": false, "grade_id": "thong-ke-ping", "locked": false, "schema_version": 3, "solution": true}
def thong_ke_ping(df: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Tỉ lệ mất gói (%), RTT trung bình và phân vị 95 của từng điểm đo."""
    ### BEGIN SOLUTION
    ket_qua = {}
    for diem, nhom in df.groupby("diem_do"):
        ket_qua[str(diem)] = {
            "mat_goi": float(100 * (1 - nhom["nhan"].sum() / nhom["gui"].sum())),
            "rtt_tb": float(nhom["rtt_ms"].mean()),
            "rtt_p95": float(nhom["rtt_ms"].quantile(0.95)),
        }
    return ket_qua
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "thong-ke-ping-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_close, assert_equal, assert_type

_tk = thong_ke_ping(PING)
assert_type(_tk, dict, what="kết quả của thong_ke_ping")
assert_equal(sorted(_tk), ["Sơn Cao", "Tân Lập", "Yên Hòa", "Đông Sơn"], what="các điểm đo")
assert_type(_tk["Đông Sơn"]["mat_goi"], float, what="tỉ lệ mất gói")
assert_close(
    _tk["Đông Sơn"]["mat_goi"], 1.934731934731937, rel=1e-6, what="tỉ lệ mất gói của Đông Sơn"
)
assert_close(
    _tk["Tân Lập"]["rtt_tb"], 4.909440559440559, rel=1e-6, what="RTT trung bình của Tân Lập"
)

# %% nbgrader={"grade": true, "grade_id": "thong-ke-ping-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: các điểm đo khác, một bảng nhỏ tính tay (mất gói một phần, mất hết).
from graders.asserts import assert_close, assert_equal

### BEGIN HIDDEN TESTS
_tk_an = thong_ke_ping(PING)
assert_close(
    _tk_an["Sơn Cao"]["mat_goi"], 7.55244755244755, rel=1e-6, what="tỉ lệ mất gói của Sơn Cao"
)
assert_close(_tk_an["Yên Hòa"]["rtt_p95"], 11.1, rel=1e-6, what="RTT phân vị 95 của Yên Hòa")
assert_close(
    _tk_an["Sơn Cao"]["rtt_tb"], 22.122469135802465, rel=1e-6, what="RTT trung bình của Sơn Cao"
)
_nho = pd.DataFrame(
    {
        "thoi_gian": pd.to_datetime(["2026-03-10T01:00:00Z"] * 4, utc=True),
        "diem_do": ["Xã A", "Xã A", "Xã A", "Xã B"],
        "gui": [5, 5, 10, 5],
        "nhan": [5, 0, 8, 5],
        "rtt_ms": [10.0, float("nan"), 40.0, 3.0],
    }
)
_tk_nho = thong_ke_ping(_nho)
assert_equal(sorted(_tk_nho), ["Xã A", "Xã B"], what="các điểm đo của bảng nhỏ")
assert_close(_tk_nho["Xã A"]["mat_goi"], 35.0, rel=1e-9, what="tỉ lệ mất gói (%) của Xã A")
assert_close(_tk_nho["Xã A"]["rtt_tb"], 25.0, rel=1e-9, what="RTT trung bình của Xã A")
assert_close(_tk_nho["Xã A"]["rtt_p95"], 38.5, rel=1e-9, what="RTT phân vị 95 của Xã A")
assert_close(_tk_nho["Xã B"]["mat_goi"], 0.0, abs_tol=1e-12, what="tỉ lệ mất gói của Xã B")
### END HIDDEN TESTS

# %% [markdown]
# ### Xem dữ liệu theo ngày
#
# Chọn điểm đo và ngày (giờ Việt Nam) để xem độ trễ và số gói nhận được. Hãy tìm đợt mất kết
# nối của Đông Sơn chiều 09/3 và đợt nghẽn của Yên Hòa sáng 10/3 (khi tỉnh họp trực tuyến).
# Phần lọc dữ liệu nằm trong hàm thường `loc_theo_ngay`.

# %%
import ipywidgets as widgets
import matplotlib.pyplot as plt


def loc_theo_ngay(df: pd.DataFrame, diem_do: str, ngay: str) -> pd.DataFrame:
    """Các lần đo của diem_do trong ngày ngay (YYYY-MM-DD, giờ Việt Nam), thời gian đổi sang giờ VN."""
    gio_vn = df["thoi_gian"].dt.tz_convert(GIO_VN)
    chon = (df["diem_do"] == diem_do) & (gio_vn.dt.strftime("%Y-%m-%d") == ngay)
    return df[chon].assign(thoi_gian=gio_vn[chon])


def ve_ngay(diem_do: str, ngay: str) -> None:
    du_lieu = loc_theo_ngay(PING, diem_do, ngay)
    _hinh, (tren, duoi) = plt.subplots(2, 1, figsize=(9, 4), sharex=True)
    tren.plot(du_lieu["thoi_gian"], du_lieu["rtt_ms"])
    tren.set_ylabel("RTT (ms)")
    duoi.step(du_lieu["thoi_gian"], du_lieu["nhan"], where="post")
    duoi.set_ylabel("gói nhận / 5")
    tren.set_title(f"{diem_do}, ngày {ngay} (giờ Việt Nam)")
    plt.show()


widgets.interact(
    ve_ngay,
    diem_do=widgets.Dropdown(
        options=sorted(PING["diem_do"].unique()), value="Đông Sơn", description="Điểm đo:"
    ),
    ngay=widgets.Dropdown(
        options=["2026-03-08", "2026-03-09", "2026-03-10"], value="2026-03-09", description="Ngày:"
    ),
)

# %% [markdown]
# ## Phần 2. Độ sẵn sàng trong một khoảng thời gian (3 điểm)
#
# Một lần đo được coi là **đường truyền hoạt động** nếu nhận được ít nhất một gói trả lời.
# **Độ sẵn sàng** trong khoảng [bắt đầu, kết thúc) là số lần đo hoạt động chia cho số lần đo
# **có trong dữ liệu** của khoảng đó (máy giám sát có lúc ngừng đo, như 02:00–02:30 ngày 09/3:
# những lúc đó không có dòng nào, và ta không tính). Khoảng **gồm đầu, không gồm cuối**: cả
# ngày 09/3 là [09/3 00:00, 10/3 00:00) giờ Việt Nam, tức [08/3 17:00, 09/3 17:00) UTC.
# Các mốc thời gian phải có múi giờ: pandas báo lỗi khi so sánh cột có múi giờ với mốc không
# có múi giờ — đừng "chữa" bằng cách bỏ múi giờ của cột.

# %%
bat_dau = pd.Timestamp("2026-03-09 00:00", tz=GIO_VN)
print(bat_dau, "=", bat_dau.tz_convert("UTC"))

# %% [markdown]
# ### Bài tập 2 (3 điểm)
#
# Viết hàm `do_san_sang(df, diem_do, bat_dau, ket_thuc)` trả về độ sẵn sàng (`float` từ 0 đến
# 1) của `diem_do` trong khoảng [`bat_dau`, `ket_thuc`); hai mốc là `pd.Timestamp` có múi giờ
# (có thể khác UTC). Nếu khoảng đó không có lần đo nào, báo lỗi `ValueError`.


# %% nbgrader={"grade": false, "grade_id": "do-san-sang", "locked": false, "schema_version": 3, "solution": true}
def do_san_sang(
    df: pd.DataFrame, diem_do: str, bat_dau: pd.Timestamp, ket_thuc: pd.Timestamp
) -> float:
    """Tỉ lệ lần đo có trả lời của diem_do trong khoảng [bat_dau, ket_thuc)."""
    ### BEGIN SOLUTION
    trong = df[
        (df["diem_do"] == diem_do) & (df["thoi_gian"] >= bat_dau) & (df["thoi_gian"] < ket_thuc)
    ]
    if trong.empty:
        raise ValueError(f"không có lần đo nào của {diem_do} trong khoảng đã cho")
    return float((trong["nhan"] > 0).mean())
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "do-san-sang-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_close

_ngay_9 = pd.Timestamp("2026-03-09 00:00", tz=GIO_VN)
_ngay_10 = pd.Timestamp("2026-03-10 00:00", tz=GIO_VN)
assert_close(
    do_san_sang(PING, "Đông Sơn", _ngay_9, _ngay_10),
    267 / 282,
    what="độ sẵn sàng của Đông Sơn ngày 09/3",
)

# %% nbgrader={"grade": true, "grade_id": "do-san-sang-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: biên của khoảng (đầu gồm, cuối không gồm), mốc theo UTC, khoảng rỗng.
from graders.asserts import assert_close, assert_raises


### BEGIN HIDDEN TESTS
def _vn(moc: str) -> pd.Timestamp:
    return pd.Timestamp(moc, tz=GIO_VN)


assert_close(
    do_san_sang(PING, "Đông Sơn", _vn("2026-03-09 14:10"), _vn("2026-03-09 15:25")),
    0.0,
    abs_tol=1e-12,
    what="độ sẵn sàng của Đông Sơn trong đúng đợt mất kết nối",
)
assert_close(
    do_san_sang(PING, "Đông Sơn", _vn("2026-03-09 14:05"), _vn("2026-03-09 15:30")),
    2 / 17,
    what="độ sẵn sàng của Đông Sơn 14:05–15:30 ngày 09/3",
)
assert_close(
    do_san_sang(
        PING,
        "Sơn Cao",
        pd.Timestamp("2026-03-10 00:00", tz="UTC"),
        pd.Timestamp("2026-03-10 03:00", tz="UTC"),
    ),
    24 / 36,
    what="độ sẵn sàng của Sơn Cao 00:00–03:00 UTC ngày 10/3",
)
assert_close(
    do_san_sang(PING, "Sơn Cao", _vn("2026-03-08 00:00"), _vn("2026-03-11 00:00")),
    (864 - 6 - 48) / (864 - 6),
    what="độ sẵn sàng của Sơn Cao cả ba ngày",
)
assert_raises(
    ValueError,
    do_san_sang,
    PING,
    "Tân Lập",
    _vn("2026-03-09 02:01"),
    _vn("2026-03-09 02:30"),
    what="khi không có lần đo",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 3. SLA trong giờ hành chính (3 điểm)
#
# Hợp đồng với nhà cung cấp đường truyền cam kết độ sẵn sàng, ví dụ 99,5%, thường chỉ trong
# **giờ hành chính**: thứ Hai đến thứ Sáu, từ 07:30 đến trước 17:00 **giờ Việt Nam**. Cam kết
# 99,5% trên 22 ngày làm việc × 9,5 giờ cho phép ngừng tối đa 0,5% × 22 × 9,5 × 60 = 62,7
# phút mỗi tháng. Lọc giờ hành chính trên cột giờ UTC là sai 7 tiếng: phải đổi sang giờ Việt
# Nam trước (`Series.dt.tz_convert`), rồi mới xét thứ (`dt.day_of_week`, thứ Hai là 0) và giờ.

# %%
gio_vn = PING["thoi_gian"].dt.tz_convert(GIO_VN)
print(gio_vn.iloc[0], "thứ (0 = thứ Hai):", gio_vn.iloc[0].day_of_week)
print("Ngừng cho phép mỗi tháng (phút):", round(0.005 * 22 * 9.5 * 60, 1))

# %% [markdown]
# ### Bài tập 3 (3 điểm)
#
# Viết hàm `sla_gio_hanh_chinh(df, cam_ket)` trả về `dict` tên điểm đo → `dict`
# `{"san_sang": float, "dat": bool}`: độ sẵn sàng (như Bài tập 2) tính **chỉ trên các lần đo
# trong giờ hành chính**, và `dat` là `True` khi độ sẵn sàng **không nhỏ hơn** `cam_ket`
# (ví dụ `0.995`). Dùng `bool(...)` và `float(...)` để trả về kiểu của Python.


# %% nbgrader={"grade": false, "grade_id": "sla-gio-hanh-chinh", "locked": false, "schema_version": 3, "solution": true}
def sla_gio_hanh_chinh(df: pd.DataFrame, cam_ket: float) -> dict[str, dict[str, float | bool]]:
    """Độ sẵn sàng trong giờ hành chính (T2–T6, 07:30–17:00 giờ VN) và có đạt cam kết không."""
    ### BEGIN SOLUTION
    dia_phuong = df["thoi_gian"].dt.tz_convert(GIO_VN)
    phut = dia_phuong.dt.hour * 60 + dia_phuong.dt.minute
    hanh_chinh = (dia_phuong.dt.day_of_week < 5) & (phut >= 7 * 60 + 30) & (phut < 17 * 60)
    ket_qua = {}
    for diem, nhom in df[hanh_chinh].groupby("diem_do"):
        ty_le = float((nhom["nhan"] > 0).mean())
        ket_qua[str(diem)] = {"san_sang": ty_le, "dat": bool(ty_le >= cam_ket)}
    return ket_qua
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "sla-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_close, assert_equal

_sla = sla_gio_hanh_chinh(PING, 0.995)
assert_equal(sorted(_sla), ["Sơn Cao", "Tân Lập", "Yên Hòa", "Đông Sơn"], what="các điểm đo")
assert_equal(_sla["Tân Lập"], {"san_sang": 1.0, "dat": True}, what="SLA của Tân Lập")
assert_close(
    _sla["Đông Sơn"]["san_sang"], 213 / 228, what="độ sẵn sàng giờ hành chính của Đông Sơn"
)

# %% nbgrader={"grade": true, "grade_id": "sla-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: đợt mất kết nối ngoài giờ và ngày Chủ nhật không tính; ranh giới 07:30 và 17:00.
from graders.asserts import assert_close, assert_equal

### BEGIN HIDDEN TESTS
_sla_an = sla_gio_hanh_chinh(PING, 0.97)
assert_close(
    _sla_an["Sơn Cao"]["san_sang"], 222 / 228, what="độ sẵn sàng giờ hành chính của Sơn Cao"
)
assert_equal(_sla_an["Sơn Cao"]["dat"], True, what="Sơn Cao đạt cam kết 97%")
assert_equal(_sla_an["Đông Sơn"]["dat"], False, what="Đông Sơn đạt cam kết 97%")
_bien = pd.DataFrame(
    {
        "thoi_gian": pd.to_datetime(
            [
                "2026-03-10T00:25:00Z",  # 07:25 thứ Ba: ngoài giờ
                "2026-03-10T00:30:00Z",  # 07:30: trong giờ
                "2026-03-10T09:55:00Z",  # 16:55: trong giờ
                "2026-03-10T10:00:00Z",  # 17:00: ngoài giờ
                "2026-03-14T02:00:00Z",  # 09:00 thứ Bảy: ngoài giờ
                "2026-03-13T03:00:00Z",  # 10:00 thứ Sáu: trong giờ
            ],
            utc=True,
        ),
        "diem_do": ["Xã C"] * 6,
        "gui": [5] * 6,
        "nhan": [0, 5, 0, 0, 0, 5],
        "rtt_ms": [None, 9.0, None, None, None, 9.5],
    }
)
assert_equal(
    sla_gio_hanh_chinh(_bien, 0.5),
    {"Xã C": {"san_sang": 2 / 3, "dat": True}},
    what="SLA của Xã C (ranh giới giờ hành chính)",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 4. Băng thông từ bộ đếm SNMP (3 điểm)
#
# SNMP không cho biết tốc độ mà cho **bộ đếm** số byte (octet) đã đi qua cổng. Tốc độ giữa
# hai lần đọc = (hiệu hai bộ đếm) × 8 bit / (số giây **thực tế** giữa hai lần đọc), chia
# 1 000 000 để ra Mbit/s. Hai cái bẫy:
#
# - `ifInOctets` là **Counter32** (RFC 2863): lên tới 2³² − 1 thì quay về 0. Ở 60 Mbit/s bộ
#   đếm quay vòng sau chưa tới 10 phút, nên hiệu âm là chuyện thường: khi đó cộng thêm 2³²
#   (giả sử giữa hai lần đọc bộ đếm quay vòng không quá một lần).
# - Máy giám sát không đọc đúng từng 300 giây: dùng hiệu thời gian thật.

# %%
print(SNMP.head())
print("Hiệu thời gian (giây):", SNMP["thoi_gian"].diff().dt.total_seconds().head().tolist())

# %% [markdown]
# ### Bài tập 4 (3 điểm)
#
# Viết hàm `toc_do_mbps(thoi_gian, bo_dem)`: `thoi_gian` là `Series` các mốc có múi giờ,
# `bo_dem` là `Series` giá trị Counter32 cùng độ dài (≥ 2). Trả về `list` các `float`: tốc độ
# (Mbit/s) của từng khoảng giữa hai lần đọc liên tiếp (độ dài n − 1).


# %% nbgrader={"grade": false, "grade_id": "toc-do-mbps", "locked": false, "schema_version": 3, "solution": true}
def toc_do_mbps(thoi_gian: pd.Series, bo_dem: pd.Series) -> list[float]:
    """Tốc độ Mbit/s giữa các lần đọc liên tiếp của một bộ đếm Counter32."""
    ### BEGIN SOLUTION
    giay = pd.Series(thoi_gian).diff().dt.total_seconds().iloc[1:]
    hieu = pd.Series(bo_dem).astype("int64").diff().iloc[1:] % 2**32
    return [float(h * 8 / g / 1e6) for h, g in zip(hieu, giay, strict=True)]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "toc-do-mbps-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_close, assert_equal, assert_type

_vao = toc_do_mbps(SNMP["thoi_gian"], SNMP["if_in_octets"])
assert_type(_vao, list, what="kết quả của toc_do_mbps")
assert_equal(len(_vao), len(SNMP) - 1, what="số khoảng đo")
assert_close(
    _vao[1], 8.550889185185184, rel=1e-6, what="tốc độ vào của khoảng thứ 2 (không quay vòng)"
)

# %% nbgrader={"grade": true, "grade_id": "toc-do-mbps-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: khoảng có bộ đếm quay vòng, khoảng dài hơn 300 giây, chiều ra, dữ liệu nhỏ.
from graders.asserts import assert_close

### BEGIN HIDDEN TESTS
_vao_an = toc_do_mbps(SNMP["thoi_gian"], SNMP["if_in_octets"])
assert_close(
    _vao_an[0], 11.412877921052631, rel=1e-6, what="tốc độ vào của khoảng đầu (bộ đếm quay vòng)"
)
assert_close(max(_vao_an), 82.41400178947369, rel=1e-6, what="tốc độ vào lớn nhất trong ngày")
assert_close(min(_vao_an), 8.550889185185184, rel=1e-6, what="tốc độ vào nhỏ nhất trong ngày")
_ra_an = toc_do_mbps(SNMP["thoi_gian"], SNMP["if_out_octets"])
assert_close(sum(_ra_an) / len(_ra_an), 14.441497949192621, rel=1e-6, what="tốc độ ra trung bình")
_t = pd.Series(
    pd.to_datetime(
        ["2026-03-10T01:00:00Z", "2026-03-10T01:05:10Z", "2026-03-10T01:10:00Z"], utc=True
    )
)
_c = pd.Series([2**32 - 1000, 3_874_000, 3_874_000])
_nho = toc_do_mbps(_t, _c)
assert_close(_nho[0], (3_875_000 * 8) / 310 / 1e6, what="tốc độ khi bộ đếm quay vòng (310 giây)")
assert_close(_nho[1], 0.0, abs_tol=1e-12, what="tốc độ khi bộ đếm đứng yên")
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 5. Băng thông cho họp trực tuyến tỉnh → xã (2 điểm)
#
# Kế hoạch của tỉnh đặt mục tiêu họp trực tuyến từ tỉnh tới các xã, phường. Với bộ điều khiển
# đa điểm (MCU) đặt ở trung tâm dữ liệu, mỗi **điểm cầu** gửi một luồng hình lên và nhận một
# luồng hình ghép về, mỗi chiều khoảng `toc_do_luong` Mbit/s (ví dụ 2 Mbit/s cho 1080p). Thêm
# khoảng 20% cho phần đầu gói IP/UDP/RTP và dao động (`he_so` = 1,2). Luồng của các điểm cầu
# ở xã, phường đi qua đường truyền của khu vực mà xã đó nối về, nên đường truyền của khu vực
# đủ khi: tải cao điểm hiện có + số điểm cầu × `toc_do_luong` × `he_so` ≤ `nguong` × dung
# lượng (không nên để đường truyền chạy quá 80%, `nguong` = 0,8). Đường truyền của tỉnh phải
# gánh tổng luồng của mọi điểm cầu: Σ số điểm cầu × `toc_do_luong` × `he_so`.
#
# Ví dụ: khu vực 20 Mbit/s, cao điểm 9 Mbit/s, 2 điểm cầu × 2 × 1,2 = 4,8 → 13,8 ≤ 16: đủ.

# %% nbgrader={"grade": false, "grade_id": "du-lieu-duong-truyen", "locked": true, "schema_version": 3, "solution": false}
# Đường truyền TSLCD của từng khu vực (Mbit/s) và số điểm cầu của cuộc họp nối qua khu vực đó.
DUONG_TRUYEN_KHU_VUC = {
    "Tân Lập": {"dung_luong": 40.0, "cao_diem": 18.5},
    "Yên Hòa": {"dung_luong": 20.0, "cao_diem": 12.4},
    "Đông Sơn": {"dung_luong": 20.0, "cao_diem": 7.9},
    "Sơn Cao": {"dung_luong": 10.0, "cao_diem": 3.1},
}
DIEM_CAU = {"Tân Lập": 3, "Yên Hòa": 2, "Đông Sơn": 2, "Sơn Cao": 1}

# %% [markdown]
# ### Bài tập 5 (2 điểm)
#
# Viết hàm `ke_hoach_hop(duong_truyen, diem_cau, toc_do_luong, he_so=1.2, nguong=0.8)` trả về
# `dict` `{"thieu": list, "tinh": float}`: `thieu` là danh sách **sắp xếp** các khu vực không
# đủ băng thông; `tinh` là băng thông (Mbit/s) mỗi chiều đường truyền của tỉnh cần cho cuộc họp.
# Khu vực không có trong `diem_cau` có 0 điểm cầu.


# %% nbgrader={"grade": false, "grade_id": "ke-hoach-hop", "locked": false, "schema_version": 3, "solution": true}
def ke_hoach_hop(
    duong_truyen: dict[str, dict[str, float]],
    diem_cau: dict[str, int],
    toc_do_luong: float,
    he_so: float = 1.2,
    nguong: float = 0.8,
) -> dict[str, list[str] | float]:
    """Các khu vực thiếu băng thông và băng thông tỉnh cần cho một cuộc họp trực tuyến."""
    ### BEGIN SOLUTION
    thieu = []
    tong = 0.0
    for khu_vuc, duong in duong_truyen.items():
        can_them = diem_cau.get(khu_vuc, 0) * toc_do_luong * he_so
        tong += can_them
        if duong["cao_diem"] + can_them > nguong * duong["dung_luong"]:
            thieu.append(khu_vuc)
    return {"thieu": sorted(thieu), "tinh": float(tong)}
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "ke-hoach-hop-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_close, assert_equal

_kh = ke_hoach_hop(DUONG_TRUYEN_KHU_VUC, DIEM_CAU, 2.0)
assert_equal(_kh["thieu"], ["Yên Hòa"], what="các khu vực thiếu băng thông (2 Mbit/s mỗi luồng)")
assert_close(_kh["tinh"], 19.2, what="băng thông tỉnh cần (Mbit/s)")

# %% nbgrader={"grade": true, "grade_id": "ke-hoach-hop-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: luồng 4 Mbit/s, hệ số và ngưỡng khác, khu vực không có điểm cầu, vừa khít ngưỡng.
from graders.asserts import assert_close, assert_equal

### BEGIN HIDDEN TESTS
_kh4 = ke_hoach_hop(DUONG_TRUYEN_KHU_VUC, DIEM_CAU, 4.0)
assert_equal(_kh4["thieu"], ["Tân Lập", "Yên Hòa", "Đông Sơn"], what="các khu vực thiếu (4 Mbit/s)")
assert_close(_kh4["tinh"], 38.4, what="băng thông tỉnh cần với luồng 4 Mbit/s")
_kh_khac = ke_hoach_hop(DUONG_TRUYEN_KHU_VUC, {"Sơn Cao": 2}, 1.5, he_so=1.0, nguong=0.9)
assert_equal(_kh_khac, {"thieu": [], "tinh": 3.0}, what="kế hoạch khi chỉ Sơn Cao có 2 điểm cầu")
_vua = ke_hoach_hop(
    {"Khu vực D": {"dung_luong": 10.0, "cao_diem": 5.5}}, {"Khu vực D": 1}, 2.0, he_so=1.25
)
assert_equal(_vua["thieu"], [], what="khu vực vừa khít ngưỡng 80% (không thiếu)")
_vuot = ke_hoach_hop(
    {"Khu vực D": {"dung_luong": 10.0, "cao_diem": 5.75}}, {"Khu vực D": 1}, 2.0, he_so=1.25
)
assert_equal(_vuot["thieu"], ["Khu vực D"], what="khu vực vượt ngưỡng 80%")
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 6. Cảnh báo độ trễ cao kéo dài (2 điểm)
#
# Một lần đo chậm có thể chỉ là dao động; cảnh báo nên phát khi độ trễ vượt ngưỡng trong
# **nhiều lần đo liên tiếp** của **cùng một điểm đo**. Lần đo không có trả lời (`rtt_ms` là
# `NaN`) không tính là "chậm" và làm đứt chuỗi. "Liên tiếp" là các dòng kề nhau của cùng điểm
# đo khi xếp theo thời gian (bỏ qua khoảng ngừng đo).
#
# ### Bài tập 6 (2 điểm)
#
# Viết hàm `canh_bao_do_tre(df, nguong_ms, so_lan)` trả về `list` các `tuple`
# `(điểm_đo, thời_điểm_bắt_đầu)` của mỗi chuỗi **ít nhất** `so_lan` lần đo liên tiếp có
# `rtt_ms > nguong_ms`. `thời_điểm_bắt_đầu` là chuỗi ISO 8601 **giờ Việt Nam**, như
# `"2026-03-10T09:00:00+07:00"` (`Timestamp.isoformat()` sau khi đổi múi giờ). Danh sách sắp
# xếp tăng dần.


# %% nbgrader={"grade": false, "grade_id": "canh-bao-do-tre", "locked": false, "schema_version": 3, "solution": true}
def canh_bao_do_tre(df: pd.DataFrame, nguong_ms: float, so_lan: int) -> list[tuple[str, str]]:
    """Các chuỗi ít nhất so_lan lần đo liên tiếp có RTT vượt nguong_ms."""
    ### BEGIN SOLUTION
    canh_bao = []
    for diem, nhom in df.sort_values("thoi_gian").groupby("diem_do"):
        dem = 0
        bat_dau = None
        for moc, rtt in zip(nhom["thoi_gian"], nhom["rtt_ms"], strict=True):
            if rtt > nguong_ms:
                dem += 1
                if dem == 1:
                    bat_dau = moc
                if dem == so_lan:
                    canh_bao.append((str(diem), bat_dau.tz_convert(GIO_VN).isoformat()))
            else:
                dem = 0
    return sorted(canh_bao)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "canh-bao-do-tre-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    canh_bao_do_tre,
    [((PING, 50.0, 3), [("Yên Hòa", "2026-03-10T09:00:00+07:00")])],
    what="các cảnh báo độ trễ",
)

# %% nbgrader={"grade": true, "grade_id": "canh-bao-do-tre-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: ngưỡng thấp hơn, chuỗi vừa đủ và thiếu một lần, NaN làm đứt chuỗi, nhiều điểm đo.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_chuoi = pd.DataFrame(
    {
        "thoi_gian": pd.to_datetime(
            [
                f"2026-03-10T0{h}:{m}:00Z"
                for h in (1, 2)
                for m in ("00", "05", "10", "15", "20", "25")
            ],
            utc=True,
        ),
        "diem_do": ["Xã E"] * 6 + ["Xã F"] * 6,
        "gui": [5] * 12,
        "nhan": [5, 5, 5, 0, 5, 5, 5, 5, 5, 5, 5, 5],
        "rtt_ms": [60.0, 70.0, 65.0, None, 80.0, 90.0, 10.0, 55.0, 56.0, 57.0, 20.0, 51.0],
    }
).iloc[::-1]
check_cases(
    canh_bao_do_tre,
    [
        (
            (_chuoi, 50.0, 3),
            [("Xã E", "2026-03-10T08:00:00+07:00"), ("Xã F", "2026-03-10T09:05:00+07:00")],
        ),
        ((_chuoi, 50.0, 4), []),
        (
            (_chuoi, 50.0, 2),
            [
                ("Xã E", "2026-03-10T08:00:00+07:00"),
                ("Xã E", "2026-03-10T08:20:00+07:00"),
                ("Xã F", "2026-03-10T09:05:00+07:00"),
            ],
        ),
        (
            (PING, 100.0, 2),
            [
                ("Yên Hòa", "2026-03-10T09:00:00+07:00"),
                ("Yên Hòa", "2026-03-10T09:25:00+07:00"),
                ("Yên Hòa", "2026-03-10T10:05:00+07:00"),
                ("Yên Hòa", "2026-03-10T10:30:00+07:00"),
                ("Yên Hòa", "2026-03-10T10:45:00+07:00"),
            ],
        ),
    ],
    what="các cảnh báo độ trễ",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 7. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy mô tả ngắn gọn (khoảng 150–250 từ) việc giám sát mạng ở đơn vị của anh/chị: giám sát
# những gì (ping, SNMP, dịch vụ), bằng công cụ nào, ai nhận cảnh báo và ngoài giờ thì sao; hợp
# đồng đường truyền có cam kết SLA không và đã bao giờ đối chiếu số liệu đo với cam kết chưa.
# Trước một cuộc họp trực tuyến quan trọng của tỉnh, anh/chị kiểm tra những chỉ số nào?

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt nêu cụ thể đối tượng và công cụ giám sát (ví dụ Zabbix, PRTG, LibreNMS),
# ngưỡng và kênh cảnh báo, người trực; cách đối chiếu độ sẵn sàng đo được với SLA của nhà
# cung cấp (đúng giờ hành chính, đúng múi giờ); và danh mục kiểm tra trước cuộc họp (độ trễ,
# mất gói, dao động, băng thông còn trống ở từng khu vực, phương án dự phòng).
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - Tỉ lệ mất gói tính theo gói; độ trễ nên xem cả trung bình và phân vị 95.
# - Độ sẵn sàng tính trên khoảng [đầu, cuối) với mốc có múi giờ; chỉ đếm những lần đo có dữ liệu.
# - SLA giờ hành chính: đổi sang giờ Việt Nam trước khi lọc thứ và giờ.
# - Tốc độ từ Counter32: hiệu bộ đếm theo mô-đun 2³², × 8, chia số giây thực tế.
# - Họp trực tuyến: cộng tải cao điểm hiện có với luồng hình × hệ số, so với 80% dung lượng;
#   đường truyền của tỉnh gánh tổng các luồng.
# - Cảnh báo khi vượt ngưỡng nhiều lần liên tiếp để tránh báo động giả.
