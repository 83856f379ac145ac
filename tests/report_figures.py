"""Every figure of the report's city sections, transcribed by hand from the report (not from the fixtures).

Written paragraph by paragraph from ../shared/source/000_368195e95810bc78.txt. Each row is one figure:
the city, the figure as the report writes it (spaces removed), its fully expanded value, unit, qualifier and the
time it refers to. A figure the report gives twice (河間's three rates of 100%) is listed once per occurrence.

Conventions:
- 截至YYYY年M月 → as_of = the 1st of that month, precision month; 截至2025年底 → 2025-12-31, year_end (no month
  is invented); 截至2025年初 → 2025-01-01, year_start; a dated event (2025年3月14日, 2023年8月) → as_of that day
  or month.
- 截至目前 / 目前 / 近三年來 / 試點期間 / 每年 / 政策實施以來 (start only) name no calendar date: no as_of.
- A year's flow (2024年全年, 「2024年，累計…」, 2025年) → period_start/period_end = that calendar year;
  2025年上半年 → 2025-01-01..2025-06-30; 「N年以來」 → period_start only.
- Units are the measure word without 萬/億 and without the counted noun (46個領域 → 個, 5大維度 → 個,
  A、B、C三個等級 → 級); 家 and 戶 are kept as the report writes them.
- Stacked qualifiers: 約1000余萬元 is stored as "about" with the second qualifier "more_than" (約 and 余 both kept).
"""

from collections import namedtuple

Figure = namedtuple(
    "Figure",
    "city as_written value unit qualifier value_max as_of as_of_precision period_start period_end",
    defaults=(None, None, "", None, None),
)


def at(date, precision):
    return {"as_of": date, "as_of_precision": precision}


def during(start, end=None):
    return {"period_start": start, "period_end": end}


def fig(city, as_written, value, unit, qualifier="exact", value_max=None, **when):
    return Figure(city, as_written, value, unit, qualifier, value_max, **when)


Y2024 = during("2024-01-01", "2024-12-31")

FIGURES = [
    # ------------------------------------------------------------ 朝陽區
    # 1 制度機制創新方面
    fig("chaoyang", "7.58萬家", "75800", "家", **at("2026-01-01", "month")),
    # 2 平臺建設方面
    fig("chaoyang", "超3.6萬條", "36000", "條", "over", **Y2024),
    # 3 場景應用創新方面
    fig("chaoyang", "超1億元", "100000000", "元", "over", **Y2024),
    fig("chaoyang", "1-2個月", "1", "個月", value_max="2"),
    fig("chaoyang", "7個工作日以內", "7", "個工作日", "within"),
    # 4 監管模式創新方面: no figure
    # ------------------------------------------------------------ 海淀區
    # 1 數據開放創新方面
    fig("haidian", "兩類", "2", "類"),
    fig("haidian", "四家", "4", "家", **at("2025-03-14", "day")),
    fig("haidian", "約1.2億條", "120000000", "條", "about", **at("2025-03-14", "day")),
    fig("haidian", "70.42億條次", "7042000000", "條次", **at("2025-08-01", "month")),
    fig("haidian", "超74萬戶", "740000", "戶", "over", **at("2025-08-01", "month")),
    fig("haidian", "超7萬戶", "70000", "戶", "over", **at("2025-08-01", "month")),
    # 2 信用修復機制創新方面 (近三年來: no calendar date)
    fig("haidian", "一個工作日內", "1", "個工作日", "within"),
    fig("haidian", "超1.4萬戶", "14000", "戶", "over"),
    fig("haidian", "4000余戶", "4000", "戶", "more_than"),
    fig("haidian", "174戶", "174", "戶"),
    # 3 場景應用創新方面
    fig("haidian", "16家", "16", "家", **Y2024),
    fig("haidian", "131項", "131", "項", **Y2024),
    fig("haidian", "52項", "52", "項", **Y2024),
    fig("haidian", "534家", "534", "家"),
    fig("haidian", "615.56萬元", "6155600", "元"),
    fig("haidian", "77.14%", "77.14", "%"),
    fig("haidian", "609個", "609", "個", **at("2025-04-01", "month")),
    fig("haidian", "149個", "149", "個", **at("2025-04-01", "month")),
    fig("haidian", "40%以上", "40", "%", "over", **at("2025-04-01", "month")),
    fig("haidian", "87個", "87", "個", **at("2025-04-01", "month")),
    # 4 技術支撐創新方面: no figure
    # ------------------------------------------------------------ 河東區: no figure in any of its 4 paragraphs
    # ------------------------------------------------------------ 武清區
    # 1 政務服務創新方面
    fig("wuqing", "27家", "27", "家"),
    fig("wuqing", "301項", "301", "項"),
    fig("wuqing", "3354件", "3354", "件", **at("2025-02-01", "month")),
    fig("wuqing", "21項", "21", "項"),
    fig("wuqing", "90%以上", "90", "%", "over"),
    # 2 區域協同創新方面: no figure
    # 3 惠民便企創新方面
    fig("wuqing", "1910家", "1910", "家", **at("2025-02-01", "month")),
    fig("wuqing", "3800余家", "3800", "家", "more_than", **at("2025-02-01", "month")),
    fig("wuqing", "突破140億元", "14000000000", "元", "over", **at("2025-02-01", "month")),
    fig("wuqing", "40余個", "40", "個", "more_than"),
    # 4 信用園區建設方面: no figure (2025 is the award date)
    # ------------------------------------------------------------ 衡水市
    # 1 信用修復機制創新方面
    fig("hengshui", "360余家", "360", "家", "more_than", **at("2025-04-01", "month")),
    fig("hengshui", "60%以上", "60", "%", "over", **at("2025-04-01", "month")),
    fig("hengshui", "7天以內", "7", "天", "within", **at("2025-04-01", "month")),
    # 2 “信用代證”改革創新方面 (目前)
    fig("hengshui", "43個", "43", "個"),
    fig("hengshui", "20個", "20", "個"),
    # 3 金融服務創新方面
    fig("hengshui", "200余家", "200", "家", "more_than", **at("2025-01-01", "year_start")),
    fig("hengshui", "千余人", "1000", "人", "more_than", **at("2025-01-01", "year_start")),
    # 4 數據歸集與應用方面
    fig("hengshui", "87類", "87", "類"),
    fig("hengshui", "4.6億條", "460000000", "條"),
    fig("hengshui", "60余場", "60", "場", "more_than", **at("2025-08-01", "month")),
    fig("hengshui", "315次", "315", "次", **at("2025-08-01", "month")),
    # ------------------------------------------------------------ 河間市
    # 1 “信用代證”改革創新方面
    fig("hejian", "一份", "1", "份"),
    fig("hejian", "46個領域", "46", "個"),
    fig("hejian", "30%", "30", "%"),
    fig("hejian", "5分鐘", "5", "分鐘"),
    # 2 信用修復機制創新方面: no figure
    # 3 金融服務創新方面
    fig("hejian", "61440家", "61440", "家", **at("2025-09-01", "month")),
    fig("hejian", "3562家", "3562", "家", **at("2025-09-01", "month")),
    fig("hejian", "68.12億元", "6812000000", "元", **at("2025-09-01", "month")),
    fig("hejian", "6789萬元", "67890000", "元"),
    # 4 平臺建設與數據歸集方面
    fig("hejian", "33個", "33", "個", **at("2025-11-01", "month")),
    fig("hejian", "1450多萬條", "14500000", "條", "more_than", **at("2025-11-01", "month")),
    fig("hejian", "100%", "100", "%", **at("2025-11-01", "month")),  # 數據合規率
    fig("hejian", "100%", "100", "%", **at("2025-11-01", "month")),  # 及時率
    fig("hejian", "100%", "100", "%", **at("2025-11-01", "month")),  # 報送率
    # ------------------------------------------------------------ 太原市
    # 1 信用修復制度創新方面: no figure ("1+3" names a notice system)
    # 2 具體舉措包括… (試點期間)
    fig("taiyuan", "4760戶", "4760", "戶"),
    fig("taiyuan", "3786戶", "3786", "戶"),
    # 3 流程優化創新方面
    fig("taiyuan", "60%以上", "60", "%", "over"),
    fig("taiyuan", "4個工作日", "4", "個工作日"),
    fig("taiyuan", "7個工作日", "7", "個工作日"),
    # 4 “兩書同送”機制創新方面: no figure
    # ------------------------------------------------------------ 晉城市
    # 1 個人信用分平臺創新方面 (2024年9月20日 opens the sentence that sets the age of 18; the next sentence is undated)
    fig("jincheng", "18周歲", "18", "周歲", **at("2024-09-20", "day")),
    fig("jincheng", "5大維度", "5", "個"),
    fig("jincheng", "千分制", "1000", "分"),
    # 2 應用場景創新方面 (截至目前)
    fig("jincheng", "9個", "9", "個"),
    fig("jincheng", "千余人次", "1000", "人次", "more_than"),
    # 3 跨區域協同創新方面, 4 信用修復創新方面: no figure
    # ------------------------------------------------------------ 呼和浩特市
    fig("hohhot", "15項", "15", "項"),  # 1 制度體系創新方面
    fig("hohhot", "42個領域", "42", "個"),  # 2 “信用代證”改革創新方面
    fig("hohhot", "九級", "9", "級"),  # 3 行業信用監管創新方面
    fig("hohhot", "30個行業領域", "30", "個"),  # 4 應用場景創新方面 (目前)
    fig("hohhot", "94個驛站點", "94", "個", **during("2024-01-01")),  # 5 2024年以來
    # ------------------------------------------------------------ 鄂爾多斯市
    # 1 公共資源交易創新方面 (政策實施以來, from 2025-05-27)
    fig("ordos", "5383家", "5383", "家", **during("2025-05-27")),
    fig("ordos", "約5.3億元", "530000000", "元", "about", **during("2025-05-27")),
    # 2 “AI + 信用”創新方面: no figure
    # 3 信用審批創新方面
    fig("ordos", "A、B、C三個等級", "3", "級"),
    fig("ordos", "20%以上", "20", "%", "over"),
    # 4 跨區域協同創新方面: no figure
    # ------------------------------------------------------------ 沈陽市
    fig("shenyang", "16項", "16", "項"),  # 1 法治建設創新方面
    # 2 數據平臺創新方面
    fig("shenyang", "29.38億條", "2938000000", "條", **at("2025-12-31", "year_end")),
    fig("shenyang", "42萬家", "420000", "家", **at("2025-12-31", "year_end")),
    fig("shenyang", "80個", "80", "個"),
    fig("shenyang", "22類", "22", "類"),
    # 3 “信用代證”改革創新方面
    fig("shenyang", "52個領域", "52", "個"),
    fig("shenyang", "10個領域", "10", "個", **at("2023-08-01", "month")),
    # 4 場景應用創新方面: no figure
    # ------------------------------------------------------------ 本溪市
    # 1 農村信用體系創新方面
    fig("benxi", "20萬平方米", "200000", "平方米"),
    fig("benxi", "60萬斤左右", "600000", "斤", "about"),
    fig("benxi", "約1000余萬元", "10000000", "元", "about"),
    # 2 信用修復創新方面: no figure
    # 3 稅務信用管理創新方面
    fig("benxi", "2132戶", "2132", "戶", **during("2025-01-01")),
    fig("benxi", "5連A", "5", "次"),
    # 4 金融服務創新方面
    fig("benxi", "8億元", "800000000", "元", **during("2025-01-01", "2025-06-30")),
    fig("benxi", "2222戶", "2222", "戶", **during("2025-01-01", "2025-06-30")),
    fig("benxi", "390萬元", "3900000", "元"),
    # 5 基層治理創新方面: no figure
    # ------------------------------------------------------------ 伊春市
    fig("yichun", "33個領域", "33", "個"),  # 1 跨區域協同創新方面 (目前)
    # 2 平臺建設創新方面
    fig("yichun", "4654筆", "4654", "筆", **at("2025-07-01", "month")),
    fig("yichun", "近90億元", "9000000000", "元", "nearly", **at("2025-07-01", "month")),
    # 3 場景應用創新方面: no figure
    # 4 基層治理創新方面
    fig("yichun", "2000余戶", "2000", "戶", "more_than", **at("2025-09-01", "month")),
    fig("yichun", "10余個領域", "10", "個", "more_than", **at("2025-09-01", "month")),
    # ------------------------------------------------------------ 雞西市
    # 1 信用修復創新方面: no figure
    # 2 跨境電商創新方面
    fig("jixi", "18.1億元", "1810000000", "元", **at("2025-10-01", "month")),
    fig("jixi", "102.6%", "102.6", "%", **at("2025-10-01", "month")),
    # 3 消費創新方面: no figure
    # 4 政務服務創新方面 (2025年)
    fig("jixi", "34萬余條", "340000", "條", "more_than", **during("2025-01-01", "2025-12-31")),
    fig("jixi", "100%", "100", "%", **during("2025-01-01", "2025-12-31")),
    # 5 金融服務創新方面
    fig("jixi", "22家", "22", "家", **at("2025-10-01", "month")),
    fig("jixi", "2.9億元", "290000000", "元", **at("2025-10-01", "month")),
    fig("jixi", "500余萬元", "5000000", "元", "more_than", **at("2025-10-01", "month")),
]

# Numbers in the city sections that are deliberately NOT figures, with the reason. Each occurs in the report.
NOT_FIGURES = [
    ("chaoyang", "北京市首個", "an ordinal (first), not a quantity"),
    ("haidian", "全國唯一", "'the only one', not a quantity"),
    ("haidian", "“一年只查一次,服務指導隨時響應”", "a quoted slogan"),
    ("haidian", "全市排名第一", "a ranking, not a quantity"),
    ("hedong", "“三個一”", "the name of a service model (its three parts are named, not counted)"),
    ("hedong", "“五流合一”", "the name of a certification model"),
    ("hedong", "全市首個", "an ordinal"),
    ("wuqing", "全市推出首批", "an ordinal batch; its size, 21項, is a figure"),
    ("hengshui", "“三減無感式”", "the name of a repair model"),
    ("hengshui", "“一中心兩平臺”", "the name of a service model"),
    ("hengshui", "全省首個", "an ordinal"),
    ("hejian", "“一證通辦、跨域互認”", "a quoted slogan"),
    ("hejian", "“一企一策”", "a quoted name"),
    ("taiyuan", "“行政處罰 ‘1+3’告知”", "the name of a notice system"),
    ("taiyuan", "“三書合一”", "a quoted name"),
    ("taiyuan", "以雙報告代替", "'dual report' names the kind of report, not a counted quantity"),
    ("taiyuan", "“兩書同送”", "a quoted name"),
    ("jincheng", "1.0 版本", "a version number"),
    ("jincheng", "“三省四市”", "a quoted name of the arrangement"),
    ("jincheng", "八條舉措》", "part of a document title"),
    ("jincheng", "“三書同達”", "a quoted name"),
    ("hohhot", "“1+15+N”", "the name of the policy matrix; its 15 documents are a figure (15項)"),
    ("ordos", "雙輪驅動", "a set phrase (two drivers, both named)"),
    ("ordos", "“一企一碼”", "a quoted name"),
    ("shenyang", "“一目錄三清單”", "a quoted name"),
    ("shenyang", "“五化”", "a quoted name"),
    ("benxi", "三位一體", "a set phrase (the three parts are named)"),
    ("benxi", "“四書同達”", "a quoted name"),
    ("benxi", "“千億送貸”", "the name of a lending drive"),
    ("benxi", "“一戶一檔”", "a quoted name"),
    ("benxi", "“第一梯隊”", "a quoted metaphor (first tier)"),
    ("jixi", "“1+4+N“", "the name of a mechanism"),
    ("jixi", "四輪驅動", "a set phrase (four drivers, all named)"),
    ("jixi", "“2110”", "the name of a handling mechanism"),
]

# Paragraphs after each city's introduction line (太原's 「具體舉措包括…」 counts as its own paragraph).
PARAGRAPHS = {
    "chaoyang": 4,
    "haidian": 4,
    "hedong": 4,
    "wuqing": 4,
    "hengshui": 4,
    "hejian": 4,
    "taiyuan": 4,
    "jincheng": 4,
    "hohhot": 5,
    "ordos": 4,
    "shenyang": 4,
    "benxi": 5,
    "yichun": 4,
    "jixi": 5,
}
