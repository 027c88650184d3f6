// Legal forms of organizations ("Co., Ltd.", "GmbH", 有限公司, 株式会社,
// 주식회사) and their canonical codes.
//
//   MatchTrailingLegalForm({"acme", "co", "ltd"})        == {"LTD", 2}
//   MatchTrailingLegalForm({"nestle", "s", "a"})          == {"SA", 2}
//   MatchTrailingLegalForm({"siemens", "aktiengesellschaft"}) == {"AG", 1}
//   MatchLeadingLegalForm({"pt", "telkom"})               == {"PT", 1}
//   MatchCjkLegalFormSuffix("金蝶软件有限公司")           == {"LTD", 12 bytes}
//   MatchCjkLegalFormSuffix("华为技术股份有限公司")       == {"JSC", 18 bytes}
//   MatchCjkLegalFormPrefix("株式会社日立制作所")         == {"KK", 12 bytes}
//   LegalFormOf("株")  == "KK"      (the bracket in "(株)日立")
//   LegalFormOf("co ltd") == "LTD"
//
// Codes: LTD (Ltd, Limited, Co. Ltd., Pty Ltd, Pte Ltd, Pvt Ltd, Sdn Bhd,
// 有限公司, 有限责任公司, 有限会社, 유한회사), LLC (LLC, ООО, Sp. z o.o.,
// 合同会社, 유한책임회사), INC (Inc., Incorporated), CORP (Corp.,
// Corporation), CO (Co., Company, Cie, 公司), PLC (PLC, PCL, Berhad), GMBH,
// AG, KG, KGAA, SE, SA (S.A., S.A. de C.V.), SAS, SARL, SRL, SL, SPA, BV, NV,
// AB, AS, ASA, OY, OYJ, KK (K.K., Kabushiki Kaisha, 株式会社), JSC (JSC, PJSC,
// ЗАО/ОАО/ПАО, 股份有限公司, 股份公司, 주식회사), LLP, LP (L.P., 有限合伙), PT.
//
// Two choices are worth knowing. 주식회사 is a joint-stock company, so it is
// JSC like 股份有限公司, although Korean companies usually translate it as
// "Co., Ltd." (Samsung Electronics Co., Ltd.); 株式会社 keeps its own code KK
// for the same reason in reverse (Japanese companies translate it as "Co.,
// Ltd.", "Corporation" or "Inc."). Codes therefore say what the name says; a
// comparison should treat a legal form mismatch as weak evidence. 集团
// ("group") is a business term, not a legal form.
//
// Inputs are normalized: Latin tokens from NormalizeText (lower case, no
// punctuation, "S.A." is {"s", "a"}), transliterated to ASCII; CJK text
// simplified (TraditionalToSimplified) and normalized. Latin forms are whole
// tokens, so "ACMELIMITED" holds no legal form.
//
// Cost: tables are built once on first use; each call is a few hash lookups
// (one per candidate length) and does not allocate except to join Latin
// tokens. Thread-safe.
#ifndef MDM_MATCHING_ORGANIZATION_LEGAL_FORMS_H_
#define MDM_MATCHING_ORGANIZATION_LEGAL_FORMS_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace mdm::matching {

// A legal form found in a name.
struct LegalFormMatch {
  absl::string_view code;  // canonical code, "" when there is no match
  size_t length = 0;       // Latin: tokens covered; CJK: bytes covered
};

// The longest legal form made of the last tokens of `tokens`, which may be the
// whole span (a name that is only a legal form).
LegalFormMatch MatchTrailingLegalForm(absl::Span<const std::string> tokens);

// The legal forms written before the name: "PT", "OOO", "ZAO", "OAO", "PAO".
LegalFormMatch MatchLeadingLegalForm(absl::Span<const std::string> tokens);

// The longest CJK legal form glued to the end of `text`.
LegalFormMatch MatchCjkLegalFormSuffix(absl::string_view text);

// The CJK legal forms written before the name: 株式会社, 有限会社, 合同会社,
// 주식회사, 유한회사.
LegalFormMatch MatchCjkLegalFormPrefix(absl::string_view text);

// The code of `normalized_text` when all of it is a legal form (Latin tokens
// joined by single spaces, or CJK), including the abbreviations written only
// in brackets: 株, 有, 주, 유, pty, pvt. Otherwise "".
absl::string_view LegalFormOf(absl::string_view normalized_text);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_ORGANIZATION_LEGAL_FORMS_H_
