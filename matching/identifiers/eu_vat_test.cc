#include "matching/identifiers/eu_vat.h"

#include <string>

#include "absl/strings/ascii.h"
#include "gtest/gtest.h"
#include "matching/identifiers/identifier.h"

namespace mdm::matching {
namespace {

// Numbers of real businesses as published on invoices and web sites (and in
// the tax administrations' own examples), several per country and form.
TEST(CheckEuVat, AcceptsPublishedNumbers) {
  struct Case {
    const char* input;
    const char* normalized;
  };
  const Case cases[] = {
      {"ATU 142 43 102", "ATU14243102"},
      {"ATU13585627", "ATU13585627"},
      {"BE 0202.239.951", "BE0202239951"},
      {"BE 444.503.092", "BE0444503092"},  // Pre-2007 nine digits.
      {"BG 175 074 752", "BG175074752"},
      {"BG7111042925", "BG7111042925"},  // Foreigner's number.
      {"CY-10259033P", "CY10259033P"},
      {"CY 10246672X", "CY10246672X"},
      {"CZ 25123891", "CZ25123891"},
      {"CZ 640903926", "CZ640903926"},     // Individual without birth number.
      {"CZ 736028/5163", "CZ7360285163"},  // Birth number.
      {"DE 136 695 976", "DE136695976"},
      {"DE 811 363 057", "DE811363057"},
      {"DK 10 50 32 80", "DK10503280"},
      {"DK-27630308", "DK27630308"},
      {"EE 100 931 558", "EE100931558"},
      {"EE101256753", "EE101256753"},
      {"EL 094012834", "EL094012834"},
      {"EL 94051189", "EL094051189"},     // Eight digits.
      {"GR 094259216", "EL094259216"},    // ISO code instead of EL.
      {"ES 54362315K", "ES54362315K"},    // DNI.
      {"ES X-5253868-R", "ESX5253868R"},  // NIE.
      {"ES Z5277343K", "ESZ5277343K"},
      {"ES B64240914", "ESB64240914"},    // CIF with a check digit.
      {"ES Q-2818015-F", "ESQ2818015F"},  // CIF with a check letter.
      {"FI 02459042", "FI02459042"},
      {"FI 2094606-3", "FI20946063"},
      {"FR 40 303 265 045", "FR40303265045"},
      {"FR83404833048", "FR83404833048"},
      {"FR K 7399859412", "FRK7399859412"},  // Alphanumeric key.
      {"FR16000063601", "FR16000063601"},    // Monaco.
      {"HR 33392005961", "HR33392005961"},
      {"HU-12892312", "HU12892312"},
      {"HU 10672101", "HU10672101"},
      {"IE 6433435F", "IE6433435F"},
      {"IE6433435IH", "IE6433435IH"},  // Two letters (since 2013).
      {"IE8D79739I", "IE8D79739I"},    // Old form.
      {"IT 00743110157", "IT00743110157"},
      {"IT - 01404480202", "IT01404480202"},
      {"LT 119511515", "LT119511515"},
      {"LT 100001919017", "LT100001919017"},
      {"LT100004801610", "LT100004801610"},  // Second weighting pass.
      {"LU 10590281", "LU10590281"},
      {"LU 150 274 42", "LU15027442"},
      {"LV 4000 3521 600", "LV40003521600"},
      {"LV 161175-19997", "LV16117519997"},  // Personal code.
      {"MT 1167-9112", "MT11679112"},
      {"MT 20630321", "MT20630321"},
      {"NL 004495445B01", "NL004495445B01"},
      {"NL4495445B01", "NL004495445B01"},
      {"NL 8225.69.759 b01", "NL822569759B01"},
      {"NL002455799B11", "NL002455799B11"},  // Sole trader (mod 97).
      {"PL 584-030-44-72", "PL5840304472"},
      {"PL5261025421", "PL5261025421"},
      {"PT 502448911", "PT502448911"},
      {"PT 500 019 720", "PT500019720"},
      {"RO 185 472 90", "RO18547290"},
      {"RO 573768", "RO573768"},
      {"RO 1630615123457", "RO1630615123457"},  // Personal code.
      {"SE 556058115801", "SE556058115801"},
      {"SE 202 100-5000 01", "SE202100500001"},
      {"SI 50223054", "SI50223054"},
      {"SI-83815201", "SI83815201"},
      {"SK 202 274 96 19", "SK2022749619"},
      {"SK2022193459", "SK2022193459"},
      {"XI 980 7806 84", "XI980780684"},
      {"XI GD100", "XIGD100"},
      // The United Kingdom: UK numbering under its own prefix.
      {"GB 980 7806 84", "GB980780684"},
      {"gb980780684", "GB980780684"},
      {"XI HA500", "XIHA500"},
      {"de 136.695.976", "DE136695976"},
      {"ＤＥ１３６６９５９７６", "DE136695976"},
  };
  for (const Case& c : cases) {
    const IdentifierCheck check = CheckEuVat(c.input);
    EXPECT_TRUE(check.valid) << c.input << ": " << check.problem;
    EXPECT_EQ(check.scheme, IdScheme::kEuVat) << c.input;
    EXPECT_EQ(check.normalized, c.normalized) << c.input;
  }
}

// Published numbers with one digit changed, and a few that pass the check but
// break another rule. Expected check digits were recomputed independently.
TEST(CheckEuVat, RejectsWrongCheckDigits) {
  struct Case {
    const char* input;
    const char* problem;
  };
  const Case cases[] = {
      {"ATU 143 43 102", "check digit should be 1"},
      {"BE 0406.139.583", "check digits should be 92"},
      {"BG 131 172 009", "check digit should be 6"},
      {"BG 1037735942", "check digits do not match"},  // EGN month 37.
      {"CY 10246672F", "check letter should be X"},
      {"CZ 25557481", "check digit should be 3"},
      {"DE 125014855", "check digit should be 9"},
      {"DE136695977", "check digit should be 6"},
      {"DK 11 96 56 58", "check digits do not match"},
      {"EE 100 941 558", "check digit should be 1"},
      {"EL 094013834", "check digit should be 1"},
      {"ES 54362415K", "check letter should be Y"},
      {"ES-x-2322300w", "check letter should be J"},
      {"FI 02459043", "check digit should be 2"},
      {"FR 04409414264", "SIREN check digit does not match"},
      {"FR 21 326 565 603", "check digits should be 22"},
      {"FR K 7399859312", "SIREN check digit does not match"},
      {"FR L 7399859412", "check digits do not match"},
      {"HR 33392005962", "check digit should be 1"},
      {"IE 4731823H", "check letter should be J"},
      {"IT 00743110158", "check digit should be 7"},
      {"IT 00687129980", "check digit should be 1"},
      {"IT 00687129981", "province office code 998 is not assigned"},
      {"LT 100001919018", "check digit should be 7"},
      {"LU 10590282", "check digits should be 81"},
      {"LV 40003189715", "check digits do not match"},
      {"MT 11679113", "check digits do not match"},
      {"NL 123456789B90", "check digits do not match"},
      {"PL 5261025422", "check digit should be 1"},
      {"PT 502448912", "check digit should be 1"},
      {"RO 185 472 91", "check digit should be 0"},
      {"SE 556058115901", "check digit should be 8"},
      {"SI 50223055", "check digit should be 4"},
      {"SK 1078449164", "check digits do not match"},
      {"XI 802311781", "check digits do not match"},
      {"GB 802311781", "check digits do not match"},
      {"CY-12259033R", "CY VAT numbers do not start with 12"},
      {"CZ 95123891", "CZ 8-digit numbers do not start with 9"},
  };
  for (const Case& c : cases) {
    const IdentifierCheck check = CheckEuVat(c.input);
    EXPECT_EQ(check.scheme, IdScheme::kEuVat) << c.input;
    EXPECT_FALSE(check.valid) << c.input;
    EXPECT_EQ(check.problem, c.problem) << c.input;
  }
}

// For these countries every single-digit substitution changes the check
// (prime moduli with non-zero weights, Luhn, ISO 7064). EL, LT, NL, PT, RO,
// BG, CZ and XI fold or combine checks so that a few substitutions pass.
TEST(CheckEuVat, EverySingleDigitSubstitutionIsInvalidWhereTheCheckAllows) {
  const char* cases[] = {
      "ATU13585627",  "BE0428759497", "CY10259033P",    "DE136695976",
      "DK27630308",   "EE101256753",  "ESX5277343Q",    "ESB64240914",
      "ES54362315K",  "FI18261444",   "FR83404833048",  "HR33392005961",
      "HU12892312",   "IE6433435F",   "IT00743110157",  "LU10590281",
      "MT20630321",   "PL5261025421", "SE556058115801", "SI50223054",
      "SK2022193459",
  };
  for (const std::string valid : cases) {
    ASSERT_TRUE(CheckEuVat(valid).valid) << valid;
    for (size_t i = 2; i < valid.size(); ++i) {
      if (!absl::ascii_isdigit(valid[i])) continue;
      for (char c = '0'; c <= '9'; ++c) {
        if (c == valid[i]) continue;
        std::string changed = valid;
        changed[i] = c;
        EXPECT_FALSE(CheckEuVat(changed).valid) << changed;
      }
    }
  }
}

TEST(CheckEuVat, WrongShapesAreNotVatNumbers) {
  struct Case {
    const char* input;
    const char* problem;
  };
  const Case cases[] = {
      {"136695976", "EU VAT number starts with an EU country prefix"},
      {"GB 98078068", "GB VAT number is 9 or 12 digits, or GD/HA and 3 digits"},
      {"US123456789", "EU VAT number starts with an EU country prefix"},
      {"", "EU VAT number starts with an EU country prefix"},
      {"DE", "DE VAT number is 9 digits, the first not 0"},
      {"DE13669597", "DE VAT number is 9 digits, the first not 0"},
      {"DE036695976", "DE VAT number is 9 digits, the first not 0"},
      {"AT13585627", "AT VAT number is U and 8 digits"},
      {"ATU1515B209", "AT VAT number is U and 8 digits"},
      {"BE 0220,764.971", "BE VAT number is 10 digits starting 0 or 1"},
      {"BE2202239951", "BE VAT number is 10 digits starting 0 or 1"},
      {"NL 001241643801", "NL VAT number is 9 digits, B and 2 digits"},
      {"NL 009122746B00", "NL VAT number is 9 digits, B and 01..99"},
      {"SE 55643359201", "SE VAT number is 12 digits ending 01"},
      {"ES O-1234567-L", "ES VAT number is a DNI, NIE or CIF"},
      {"FR IO334175221", "FR VAT number is a 2-character key and 9 digits"},
      {"IE 4550C59S", "IE VAT number is 7 digits and 1 or 2 letters"},
      {"XI 12345678", "XI VAT number is 9 or 12 digits, or GD/HA and 3 digits"},
  };
  for (const Case& c : cases) {
    const IdentifierCheck check = CheckEuVat(c.input);
    EXPECT_EQ(check.scheme, IdScheme::kUnknown) << c.input;
    EXPECT_FALSE(check.valid) << c.input;
    EXPECT_EQ(check.problem, c.problem) << c.input;
  }
}

}  // namespace
}  // namespace mdm::matching
