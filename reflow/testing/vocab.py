"""The built-in vocabulary of the news grammar: invented places, people, bodies and topics.

Plain word lists, written for this harness (every paper, place and person is
invented or generic), in Simplified Chinese; Traditional pages are made by
converting whole articles with OpenCC. The first entry of each list is the one
hypothesis shrinks to, so it is the plainest. It holds no grammar: the
templates that put these words together live in ``strategies``.

>>> "星海市" in PLACES and "张伟" in NAMES
True
>>> all(len(n) in (2, 3) for n in NAMES)
True
"""
from __future__ import annotations

# Cities and counties (invented or generic), used as subjects and in datelines.
PLACES = (
    "星海市", "江川市", "云澜县", "临江区", "南川市", "北滨市", "青川镇", "东湖区",
    "西岭县", "金沙湾", "长河市", "白石镇", "清水县", "松原区",
)
# Agency datelines need a city without 市.
DATELINE_CITIES = ("北京", "上海", "广州", "星海", "江川", "长河", "南川")

# Bodies that announce, organise and report.
ORGS = (
    "市交通运输局", "市教育局", "市文化和旅游局", "市水务局", "市卫生健康委员会",
    "市统计局", "区政府", "市图书馆", "星海大学", "江川理工学院", "市科技局",
    "市生态环境局", "市住房和城乡建设局", "市气象台", "市数据局", "街道办事处",
)
TITLES = ("负责人", "局长", "处长", "主任", "教授", "研究员", "工程师", "副校长", "站长", "馆长")

# Two- and three-character names whose OpenCC conversion does not depend on context.
NAMES = (
    "张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆", "赵磊", "孙悦", "周启航", "方静怡",
    "邵明远", "林晓", "吴海燕", "郑凯", "黄晓岚", "钟立平", "孟繁星", "卢卫东", "许晴",
    "唐秋白", "何振宇", "梁家豪", "高远", "马丽", "胡斌", "郭婷",
)
# Foreign names are written with the middle dot ·.
FOREIGN_NAMES = (
    "玛丽亚·罗德里格斯", "托马斯·穆勒", "卡洛斯·席尔瓦", "安娜·彼得罗娃", "约翰·史密斯",
    "艾米丽·布朗", "哈桑·阿里", "苏菲·马丁",
)
COUNTRIES = ("巴西", "德国", "西班牙", "俄罗斯", "英国", "美国", "埃及", "法国")

# What the articles are about.
TOPICS = (
    "智慧书屋", "自动驾驶公交线路", "数字孪生平台", "社区养老服务中心", "新能源汽车充电站",
    "城市绿道", "公共图书馆", "防汛预警系统", "老旧小区改造项目", "课后服务", "夜间经济街区",
    "垃圾分类试点", "共享单车停放区", "健康驿站", "科普教育基地", "口袋公园",
)
# Verb phrases that complete a topic.
DONE = (
    "正式投入使用", "开通运营", "完成改造", "启动建设", "对外开放", "通过验收",
    "进入试运行", "全面铺开", "迎来首批用户",
)
# Clauses: who does what, to be joined with commas.
SUBJECTS = (
    "市民", "居民", "游客", "学生", "企业", "社区工作人员", "志愿者", "专家", "业内人士",
    "不少家长", "驾驶员", "老年人",
)
MODALS = ("可以", "能够", "也能", "还可", "纷纷", "普遍", "已经", "正在")
ACTIONS = (
    "通过手机查看实时信息", "就近办理相关业务", "参与线上预约", "享受更便捷的服务",
    "反映遇到的问题", "提出改进建议", "体验新的出行方式", "感受到明显的变化",
    "在家门口借阅图书", "及时收到预警提示", "错峰安排出行", "免费领取宣传资料",
)
REASONS = (
    "这一做法值得推广", "相关工作将持续推进", "下一步还将扩大覆盖范围", "效果有待进一步观察",
    "群众的获得感不断增强", "服务质量明显提升", "各方反响良好", "管理水平仍需提高",
)

# Numbers with their units, and figures that change.
UNITS = ("个", "座", "处", "家", "所")            # what is built: counted things
PERCENT_WORDS = ("同比增长", "同比下降", "环比增长", "较去年同期提高")
METRICS = ("客流量", "借阅量", "用电量", "游客人次", "营业收入", "降水量", "充电量", "参与人数")
METRIC_UNITS = ("万人次", "万册", "万千瓦时", "万人次", "亿元", "毫米", "万千瓦时", "名")

# Dates and times.
TIMES_OF_DAY = ("", "上午", "下午", "晚")
PERIODS = ("今年以来", "今年上半年", "近年来", "截至目前", "过去一年", "暑期期间")
EVENTS = ("发布会", "开幕式", "专题座谈会", "年度论坛", "启动仪式")

# Quoted words and book titles.
QUOTED = ("数字地图", "最后一公里", "一网通办", "智能向善", "家门口", "全优生", "城市客厅",
          "慢行系统", "微更新")
BOOKS = ("城市更新行动方案", "全民阅读促进条例", "数字乡村发展行动计划", "防汛应急预案",
         "公共交通发展规划", "国际人工智能开源合作倡议", "绿色出行倡议书")

# Latin: names without hyphens, names with a lexical hyphen, English phrases.
LATIN_NAMES = ("App", "AI", "5G", "LED", "GitHub", "Python", "OpenAI", "DeepSeek", "CNBC",
               "VentureBeat", "Hugging Face", "Flappy Bird")
LEXICAL = ("GLM-4.5", "COVID-19", "Wi-Fi", "K-12", "end-to-end", "Qwen-2.5", "A-share")
# Phrases with long dictionary words: what a typesetter hyphenates at a line end.
ENGLISH = (
    "digital twin", "green infrastructure", "international collaboration",
    "urban transportation", "environmental monitoring", "science communication",
    "open laboratory", "community development", "machine learning", "performance evaluation",
)
GLOSSES = ("数字孪生", "绿色基础设施", "国际合作", "城市交通", "环境监测", "科学传播",
           "开放实验室", "社区发展", "机器学习", "绩效评估")

# Headlines.
KICKERS = ("城市治水迈入“数字时代”", "智慧交通再提速", "书香浸润社区生活", "让老人乐享晚年",
           "绿色发展看变化", "民生实事进行时")
HEAD_VERBS = ("投入使用", "开通运营", "完成改造", "再添新成员", "迎来新变化", "全面升级")
SUB_TEMPLATES = ("——{place}推进{topic}建设见闻", "——记{place}{topic}的新变化")

# Page furniture.
PAPERS = ("星海日报", "江川日报", "南川商报", "云澜晚报", "长河都市报", "北滨时报")
SECTIONS = ("要闻", "综合", "城市", "教育", "文化", "科技", "民生", "社会")
STAFF = ("责任编辑", "版式设计", "美编", "校对", "本版编辑")
WEEKDAYS = "一二三四五六日"

# Commentary closes with an affiliation.
AFFILIATIONS = ("星海大学公共管理学院教授", "江川理工学院研究员", "中国城市规划学会会员",
                "云澜县融媒体中心编辑")

__all__ = [name for name in dir() if name.isupper()]
