#include "matching/organization/business_terms.h"

#include <algorithm>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "matching/organization/internal/business_term_table.h"
#include "matching/text_normalizer.h"
#include "matching/transliteration.h"

namespace mdm::matching {
namespace internal {
namespace {

// Canonical English term, then its forms: Latin words, then Chinese (either
// script), Japanese and Korean. Han forms are simplified when the lookup
// tables are built, so 銀行 and 银行 are one key.
constexpr BusinessTermEntry kBusinessTerms[] = {
    // Information technology and telecoms.
    {"technology",
     "tech technology technologies technological technologie technik 科技 技术 "
     "テクノロジー テクノロジーズ テック 기술 테크 테크놀로지"},
    {"software",
     "software softwares 软件 软体 ソフトウェア ソフトウエア 소프트웨어"},
    {"network",
     "network networks networking 网络 网路 ネットワーク ネットワークス "
     "네트워크 네트웍스"},
    {"electronics",
     "electronic electronics electronica electronique elektronik 电子 "
     "エレクトロニクス 전자 일렉트로닉스"},
    {"electric",
     "electric electrical elec elektro elektrotechnik 电气 電気 電機 電工 전기 "
     "일렉트릭"},
    {"computer",
     "computer computers computing 计算机 电脑 コンピュータ コンピューター "
     "컴퓨터"},
    {"system", "system systems systeme sys 系统 システム システムズ 시스템"},
    {"communication",
     "communication communications comm comms 通信 通讯 コミュニケーションズ "
     "커뮤니케이션 통신"},
    {"telecom",
     "telecom telecoms telecommunication telecommunications telekom 电信 "
     "テレコム 텔레콤"},
    {"information", "information info 信息 资讯 情報 정보"},
    {"online", "online 在线 オンライン 온라인"},
    {"internet", "internet 互联网 インターネット 인터넷"},
    {"mobile", "mobile 移动 モバイル 모바일"},
    {"digital", "digital 数码 数字 デジタル 디지털"},
    {"data", "data 数据 データ 데이터"},
    {"smart", "smart 智慧 スマート 스마트"},
    {"intelligent", "intelligent 智能 인텔리전트"},
    {"semiconductor", "semiconductor semiconductors 半导体 반도체"},
    {"optoelectronics", "optoelectronic optoelectronics 光电"},
    {"optical", "optical optics 光学 광학"},
    {"display", "display displays 显示 ディスプレイ 디스플레이"},
    {"security", "security 安全 安防 セキュリティ 보안 시큐리티"},
    {"ecommerce", "ecommerce 电子商务 电商"},
    {"game", "game games gaming 游戏 ゲーム 게임 게임즈"},
    {"solution",
     "solution solutions 解决方案 ソリューション ソリューションズ 솔루션"},
    {"laboratory", "lab labs laboratory laboratories 实验室 ラボ 연구실"},
    {"studio", "studio studios 工作室 スタジオ 스튜디오"},
    {"design", "design 设计 デザイン 디자인"},
    {"media", "media 传媒 媒体 メディア 미디어"},
    {"entertainment",
     "entertainment 娱乐 エンターテインメント エンタテインメント 엔터테인먼트"},
    {"broadcasting", "broadcasting broadcast 广播 放送 방송"},
    {"publishing", "publishing publisher publishers 出版 출판"},
    {"newspaper", "newspaper newspapers 新闻 신문"},
    {"advertising", "advertising 广告 広告 광고"},
    {"printing", "printing 印刷 인쇄"},

    // Corporate structure and services.
    {"group", "group groupe gruppe grupo groep grp 集团 グループ 그룹"},
    {"holding",
     "holding holdings hldg hldgs 控股 ホールディングス ホールディング 홀딩스 "
     "지주"},
    {"international",
     "international intl internationale internacional internazionale 国际 "
     "インターナショナル 인터내셔널"},
    {"global", "global worldwide 全球 环球 グローバル 글로벌"},
    {"enterprise", "enterprise enterprises 企业 エンタープライズ 엔터프라이즈"},
    {"industrial",
     "industrial industries industry industrie industria industrias inds "
     "实业 工业 产业 産業 インダストリー 인더스트리 산업 공업"},
    {"heavy", "heavy"},
    {"heavy industrial", "重工 重工业 중공업"},
    {"development", "development developments 发展 开发 開発 개발"},
    {"management", "management mgmt 管理 マネジメント 매니지먼트"},
    {"asset", "asset assets 资产 アセット 자산"},
    {"asset management", "资产管理 アセットマネジメント 자산운용"},
    {"service",
     "service services svc svcs servicios dienstleistungen 服务 サービス "
     "서비스"},
    {"consulting",
     "consulting consultancy consultant consultants beratung 咨询 顾问 "
     "コンサルティング 컨설팅"},
    {"partner", "partner partners 合伙人 パートナーズ 파트너스"},
    {"associates", "associates associated"},
    {"brothers", "brothers bros 兄弟"},
    {"cooperative", "cooperative coop 合作社 협동조합"},
    {"association", "association 协会 協会 협회"},
    {"foundation", "foundation 基金会 財団 재단"},
    {"institute", "institute 学院"},
    {"research", "research 研究 リサーチ 연구"},
    {"research institute", "研究院 研究所 연구소 연구원"},
    {"university", "university 大学 대학교"},
    {"education", "education educational 教育 エデュケーション 교육"},
    {"science", "science sciences scientific 科学 サイエンス 과학"},
    {"innovation", "innovation innovations 创新 イノベーション 혁신"},
    {"center", "center centre ctr 中心 センター 센터"},
    {"culture", "culture cultural 文化 カルチャー 문화"},
    {"national", "national natl"},
    {"works", "works werke 制作所 製作所 工厂 工場 공장"},
    {"and", "and und et"},

    // Finance.
    {"bank", "bank banking banco banque bancorp 银行 은행 뱅크"},
    {"financial",
     "financial finance finanz financiere 金融 财务 ファイナンス 금융 "
     "파이낸셜 파이낸스"},
    {"investment", "investment investments 投资 インベストメント 투자"},
    {"capital", "capital 资本 キャピタル 캐피탈"},
    {"insurance", "insurance assurance versicherung 保险 保険 보험"},
    {"life", "life 生命 ライフ 생명 라이프"},
    {"securities", "securities 证券 証券 증권"},
    {"fund", "fund funds 基金 ファンド 펀드"},
    {"trust", "trust 信托 信託 신탁"},

    // Trade and retail.
    {"trading",
     "trading trade trades handel 贸易 商贸 商事 物产 物産 トレーディング 상사 "
     "무역 "
     "물산"},
    {"import export", "进出口 수출입"},
    {"import", "import imports 进口"},
    {"export", "export exports 出口"},
    {"commercial", "commercial commerce 商业 商务 コマース 커머스 상업"},
    {"retail", "retail retailing 零售 リテール 리테일"},
    {"store", "store stores 商店 ストア 스토어"},
    {"department store", "百货 百货店 백화점"},
    {"department", "department"},
    {"supermarket",
     "supermarket supermarkets 超市 スーパーマーケット 슈퍼마켓"},
    {"distribution",
     "distribution distributor distributors vertrieb 分销 流通 유통"},
    {"wholesale", "wholesale 批发 도매"},
    {"supply chain", "供应链 サプライチェーン 공급망"},
    {"supply", "supply supplies"},
    {"chain", "chain"},
    {"logistics",
     "logistics logistik spedition 物流 ロジスティクス 로지스틱스 물류"},
    {"transport", "transport transportation 运输 運輸 운수 운송"},
    {"shipping", "shipping 航运 海运 海運 商船 해운"},
    {"warehouse", "warehouse warehousing 仓储 倉庫 창고"},
    {"airline", "airline airlines airways aviation 航空 エアライン 항공"},
    {"aerospace", "aerospace 航天 航空宇宙 우주항공"},
    {"railway", "railway railways rail railroad 铁路 鉄道 철도"},
    {"port", "port 港口 港务"},
    {"shipbuilding", "shipbuilding 造船 조선"},

    // Industry.
    {"manufacturing", "manufacturing mfg 制造 製造 제조"},
    {"automation", "automation automatisierung 自动化 オートメーション 자동화"},
    {"machinery", "machinery maschinenbau maschinen 机械 機械 기계"},
    {"equipment", "equipment 设备 設備 장비"},
    {"instrument", "instrument instruments 仪器 仪表 計器 계기"},
    {"precision", "precision 精密 精工 정밀"},
    {"material", "material materials 材料 素材 マテリアル 소재"},
    {"metal", "metal metals 金属 メタル 금속"},
    {"steel", "steel 钢铁 製鉄 鉄鋼 スチール 제철 철강 스틸"},
    {"mining", "mining 矿业 鉱業 광업"},
    {"resource", "resource resources 资源 リソース 자원"},
    {"chemical",
     "chemical chemicals chemie chemistry quimica 化工 化学 ケミカル 화학 "
     "케미칼"},
    {"pharmaceutical",
     "pharmaceutical pharmaceuticals pharma pharm pharmaceutica "
     "pharmaceutique 医药 制药 製薬 药业 ファーマ 제약 파마"},
    {"pharmacy", "pharmacy pharmacies 药房 大药房 薬局 약국"},
    {"medical",
     "medical medizintechnik medizin 医疗 医療 メディカル 의료 메디칼"},
    {"health", "health 健康 ヘルス 헬스"},
    {"healthcare", "healthcare 医疗保健 ヘルスケア 헬스케어"},
    {"hospital", "hospital 医院 病院 병원"},
    {"bio", "bio biological biologics 生物 バイオ 바이오"},
    {"biotechnology", "biotech biotechnology 生物科技 生物技术 생명공학"},
    {"cosmetic", "cosmetic cosmetics 化妆品 化粧品 코스메틱 화장품"},
    {"energy",
     "energy energies energie energia 能源 エネルギー エナジー 에너지"},
    {"new energy", "新能源 신에너지"},
    {"new", "new"},
    {"power", "power 电力 動力 パワー 전력 파워"},
    {"petroleum", "petroleum 石油 석유"},
    {"oil", "oil"},
    {"gas", "gas 燃气 煤气 瓦斯 ガス 가스"},
    {"water", "water 水务 水道 수도"},
    {"environmental", "environmental environment 环保 环境 環境 환경"},
    {"battery", "battery batteries 电池 バッテリー 배터리"},
    {"cable", "cable cables 电缆 线缆 ケーブル 케이블"},
    {"component", "component components 零部件 部品 부품"},
    {"tool", "tool tools 工具 ツール 공구"},
    {"hardware", "hardware 五金 ハードウェア 하드웨어"},
    {"lighting", "lighting 照明 조명"},
    {"appliance", "appliance appliances 电器 家电 가전"},
    {"motor",
     "motor motors motoren auto automobile automobiles automotive 汽车 "
     "自动车 モーター モーターズ 자동차 모터스"},
    {"construction", "construction constructions bau 建设 建筑 建设 건설"},
    {"engineering", "engineering 工程 エンジニアリング 엔지니어링"},
    {"property",
     "property properties realty immobilien 地产 房地产 置业 物业 不動産 "
     "부동산"},
    {"cement", "cement 水泥 セメント 시멘트"},
    {"glass", "glass 玻璃 ガラス 유리"},
    {"paper", "paper 纸业 製紙 제지"},
    {"textile", "textile textiles 纺织 紡績 섬유"},
    {"apparel", "apparel clothing garment garments 服装 服饰 의류"},
    {"fashion", "fashion 时尚 ファッション 패션"},
    {"furniture", "furniture 家具 가구"},
    {"agricultural", "agriculture agricultural agri 农业 農業 농업"},

    // Food and hospitality.
    {"food", "food foods 食品 フーズ 식품 푸드"},
    {"beverage", "beverage beverages 饮料 飲料 음료"},
    {"coffee", "coffee 咖啡 コーヒー 커피"},
    {"beer", "beer 啤酒 ビール 맥주"},
    {"brewery", "brewery breweries brewing 酿造 醸造 양조"},
    {"dairy", "dairy 乳业 乳業 유업"},
    {"tobacco", "tobacco 烟草 たばこ 담배"},
    {"hotel", "hotel hotels 酒店 饭店 宾馆 ホテル 호텔"},
    {"restaurant", "restaurant restaurants 餐饮 レストラン 레스토랑"},
    {"sport", "sport sports 体育 スポーツ 스포츠"},

    // Places that name a market rather than an organization.
    {"china", "china chinese 中国 中华"},
    {"japan", "japan nippon 日本 ジャパン 재팬"},
    {"korea", "korea korean 韩国 大韩 한국 대한 코리아"},
    {"asia", "asia asian 亚洲 アジア 아시아"},
    {"pacific", "pacific 太平洋 パシフィック 퍼시픽"},
    {"europe", "europe european 欧洲 ヨーロッパ 유럽"},
    {"america", "america american 美洲 アメリカ 아메리카"},
};

}  // namespace

absl::Span<const BusinessTermEntry> BusinessTermTable() {
  return kBusinessTerms;
}

}  // namespace internal

namespace {

bool IsAscii(absl::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return absl::ascii_isascii(c); });
}

// Length in bytes of the UTF-8 sequence that starts with `lead`.
size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

size_t CodePointCount(absl::string_view text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size();
       i += Utf8Length(static_cast<unsigned char>(text[i]))) {
    ++count;
  }
  return count;
}

// Longer CJK forms are not looked up; the longest in the table has ten.
constexpr size_t kMaxCjkCodePoints = 12;

struct Tables {
  absl::flat_hash_map<std::string, std::string> latin;  // word -> canonical
  absl::flat_hash_map<std::string, std::string> cjk;    // run -> canonical
  absl::flat_hash_set<std::string> canonical_tokens;
  size_t max_cjk_code_points = 0;
};

Tables BuildTables() {
  Tables tables;
  for (const internal::BusinessTermEntry& entry :
       internal::BusinessTermTable()) {
    for (absl::string_view token : absl::StrSplit(entry.canonical, ' ')) {
      tables.canonical_tokens.insert(std::string(token));
    }
    for (absl::string_view form :
         absl::StrSplit(entry.forms, ' ', absl::SkipEmpty())) {
      if (IsAscii(form)) {
        tables.latin.emplace(NormalizeText(form), entry.canonical);
        continue;
      }
      std::string key = NormalizeText(TraditionalToSimplified(form));
      tables.max_cjk_code_points =
          std::min(kMaxCjkCodePoints,
                   std::max(tables.max_cjk_code_points, CodePointCount(key)));
      tables.cjk.emplace(std::move(key), entry.canonical);
    }
  }
  return tables;
}

const Tables& GetTables() {
  static const Tables* const tables = new Tables(BuildTables());
  return *tables;
}

}  // namespace

absl::string_view CanonicalBusinessTerm(absl::string_view word) {
  const Tables& tables = GetTables();
  auto it = tables.latin.find(word);
  if (it == tables.latin.end()) return "";
  return it->second;
}

CjkTermMatch MatchCjkBusinessTermPrefix(absl::string_view text) {
  const Tables& tables = GetTables();
  // Byte offsets of the first code point boundaries, longest key first.
  size_t ends[kMaxCjkCodePoints];
  size_t count = 0;
  for (size_t i = 0; i < text.size() && count < tables.max_cjk_code_points;) {
    i = std::min(text.size(),
                 i + Utf8Length(static_cast<unsigned char>(text[i])));
    ends[count++] = i;
  }
  while (count > 0) {
    const size_t end = ends[--count];
    auto it = tables.cjk.find(text.substr(0, end));
    if (it != tables.cjk.end()) return {it->second, end};
  }
  return {};
}

bool IsBusinessTerm(absl::string_view canonical_token) {
  return GetTables().canonical_tokens.contains(canonical_token);
}

}  // namespace mdm::matching
