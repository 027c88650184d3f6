// Standardization of organization names for matching across scripts and
// spellings: the same company as 金蝶软件（中国）有限公司 in an ERP and as
// "Kingdee Software (China) Co., Ltd." in a CRM.
//
//   OrganizationName a = ParseOrganizationName("华为技术有限公司");
//   OrganizationName b =
//       ParseOrganizationName("Huawei Technologies Co., Ltd.");
//   // a.core_tokens == b.core_tokens == {"huawei", "technology"}
//   // a.core_key == b.core_key == "huaweitechnology"
//   // a.legal_form == b.legal_form == "LTD"; a.han_core == "华为技术"
//
//   ParseOrganizationName("深圳市腾讯计算机系统有限公司")
//     core_tokens {"tengxun", "computer", "system"}, region "shenzhen", LTD
//   ParseOrganizationName("トヨタ自動車株式会社")
//     core_tokens {"toyota", "motor"}, legal_form "KK"
//   ParseOrganizationName("International Business Machines Corporation")
//     core_tokens {"international", "business", "machines"}, acronym "ibm"
//   ParseOrganizationName("IBM")   core_tokens {"ibm"}, acronym "ibm"
//
// How a name is taken apart, in order:
//  1. Han is simplified (華為 -> 华为). Brackets, half- or full-width (), （）,
//     [], 【】, are cut out; each bracket is a region ("（中国）",
//     "(Beijing)"), a legal form ("(株)", "(Pty)") or otherwise a qualifier. ㈱
//     and ㈜ count as "(株)" and "(주)".
//  2. The rest is normalized (NormalizeText: NFKC, case fold, punctuation to
//     spaces) and cut into Latin words and CJK runs; non-Latin letters other
//     than Han, kana and Hangul (Cyrillic, Greek, ...) and accented letters
//     are transliterated to ASCII ("Nestlé" -> "nestle").
//  2a. A branch marker and the place before it are removed from the end
//     ("华信软件（深圳）有限公司北京分公司", "... Co., Ltd. Beijing Branch"),
//     before the legal form: `branch` and `branch_place`.
//  3. A legal form is removed from the end: Latin words ("co ltd",
//     "aktiengesellschaft", "s a") or a CJK suffix, glued or not
//     (金蝶软件有限公司, 삼성전자주식회사). Failing that, one from the start
//     (株式会社ソニー, "PT Telkom"). The last form in the name is the legal
//     form; one more before it is dropped too ("Development Company, L.P."
//     -> LP) unless nothing else would remain. A Latin form must be separate
//     words: "ACMELIMITED" keeps its letters. See legal_forms.h for codes.
//  4. A Chinese province or city (with 省/市/自治区...) is removed from the
//     start of a Han name, or as its pinyin from the start of a Latin name
//     ("Shenzhen Tencent ..."); see chinese_regions.h. When that would leave
//     no distinctive token (上海银行), the place stays in the core too.
//  5. CJK runs are segmented by longest match against the business terms
//     (business_terms.h); each remaining Han run becomes one token of joined
//     pinyin (金蝶 -> "jindie", 阿里巴巴 -> "alibaba") and each kana or Hangul
//     run one romanized token (トヨタ -> "toyota", 삼성 -> "samseong"). Latin
//     words go through the same table ("technologies" -> "technology").
//     "the", "and" (with "&", "und", "et") and "of" are dropped.
//
// Limits worth knowing: pinyin is per character, so a brand's own Latin name
// differs from the pinyin of its Chinese name (Kingdee vs jindie, Tencent vs
// tengxun) and polyphonic characters may read wrongly (长沙 anywhere but at
// the start reads "zhangsha"); Japanese kanji other than business terms are
// read as pinyin, not Japanese (日立 -> "rili"). Both sides of a comparison are
// read the same way, so equal names still compare equal; cross-script
// matching of brands needs other evidence (identifiers, addresses) or a
// curated alias list.
//
// Cost: tens of microseconds per name, mostly ICU transliteration; parse once
// per record at standardization, compare the result many times. Pure and
// thread-safe.
#ifndef MDM_MATCHING_ORGANIZATION_ORGANIZATION_NAME_H_
#define MDM_MATCHING_ORGANIZATION_ORGANIZATION_NAME_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mdm::matching {

struct OrganizationName {
  // Distinctive name tokens and business terms, in order, Latin script, lower
  // case ASCII: Han runs as joined pinyin, kana and Hangul romanized, business
  // terms as their canonical English token.
  std::vector<std::string> core_tokens;
  // The core tokens that are business terms (IsBusinessTerm), in order, so
  // that a comparison can weight the others above them.
  std::vector<std::string> generic_tokens;
  // core_tokens joined without spaces: "huaweitechnology".
  std::string core_key;
  // Canonical legal form code (see legal_forms.h), "" when none.
  std::string legal_form;
  // Canonical place (see chinese_regions.h): "shenzhen", "china", "" when
  // none. With several, the finest level wins (city over province over
  // country), then the first; the others go to `qualifiers`.
  std::string region;
  // Bracketed text that is neither a region nor a legal form, each as its
  // tokens (computed as for the core) joined by spaces: "(Holdings)" ->
  // "holding".
  std::vector<std::string> qualifiers;
  // Latin names only: the first letters of the core tokens when there are at
  // least two ("general electric" -> "ge", "procter and gamble" -> "pg"), or
  // the token itself when the name is one upper-case word of 2 to 5 letters
  // and digits ("IBM" -> "ibm", "P&G" -> "pg", "AT&T" -> "att"). "" otherwise,
  // and for names with CJK text.
  std::string acronym;
  // True for a branch of an organization (分公司, 分行, 支行, 分店, 办事处,
  // 营业部; "Beijing Branch", "Branch Office"), whose marker and place are cut
  // from the end of the name, or from a bracket ("（北京分公司）").
  bool branch = false;
  // The branch's place: a canonical region (chinese_regions.h) when it is
  // one, else the Latin word before "branch" ("downtown"); "" when unnamed.
  std::string branch_place;
  // The Han characters of the core, simplified, when it has any: "金蝶软件",
  // "自动车" for トヨタ自動車株式会社. "" otherwise.
  std::string han_core;
  // True when the name holds Han characters anywhere.
  bool has_han = false;
};

// Never fails: an empty name gives an empty result, a name that is only a
// legal form ("有限公司", "Co., Ltd.") an empty core with the legal form.
OrganizationName ParseOrganizationName(absl::string_view name);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_ORGANIZATION_ORGANIZATION_NAME_H_
