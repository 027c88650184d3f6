#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "matching/identifiers/gtin.h"
#include "matching/identifiers/identifier.h"
#include "tools/gen/organization_generator.h"
#include "tools/gen/person_generator.h"
#include "tools/gen/product_generator.h"

namespace mdm::gen {
namespace {

using EntityFunction = std::function<std::vector<GeneratedRecord>(int64_t)>;

// The three generators behind one interface, built for a seed.
struct Kind {
  const char* name;
  const std::vector<std::string>& (*columns)();
  std::function<EntityFunction(uint64_t seed)> make;
};

std::vector<Kind> Kinds() {
  return {
      {"person", &PersonColumns,
       [](uint64_t seed) -> EntityFunction {
         PersonGenerator generator({.seed = seed});
         return [generator](int64_t e) { return generator.Entity(e); };
       }},
      {"organization", &OrganizationColumns,
       [](uint64_t seed) -> EntityFunction {
         OrganizationGenerator generator({.seed = seed});
         return [generator](int64_t e) { return generator.Entity(e); };
       }},
      {"product", &ProductColumns,
       [](uint64_t seed) -> EntityFunction {
         ProductGenerator generator({.seed = seed});
         return [generator](int64_t e) { return generator.Entity(e); };
       }},
  };
}

bool SameRecords(const std::vector<GeneratedRecord>& a,
                 const std::vector<GeneratedRecord>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].source != b[i].source || a[i].id != b[i].id ||
        a[i].values != b[i].values) {
      return false;
    }
  }
  return true;
}

bool HasHan(const std::string& text) {
  // Lead bytes E4..E9 start the CJK unified ideographs U+4E00..U+9FFF.
  for (unsigned char c : text) {
    if (c >= 0xE4 && c <= 0xE9) return true;
  }
  return false;
}

bool HasLatinLetter(const std::string& text) {
  for (unsigned char c : text) {
    if (absl::ascii_isalpha(c)) return true;
  }
  return false;
}

TEST(Generators, SameSeedGivesSameRecords) {
  for (const Kind& kind : Kinds()) {
    SCOPED_TRACE(kind.name);
    const EntityFunction a = kind.make(42), b = kind.make(42);
    for (int64_t e = 0; e < 500; ++e) {
      ASSERT_TRUE(SameRecords(a(e), b(e))) << "entity " << e;
    }
  }
}

TEST(Generators, DifferentSeedGivesDifferentRecords) {
  for (const Kind& kind : Kinds()) {
    SCOPED_TRACE(kind.name);
    const EntityFunction a = kind.make(1), b = kind.make(2);
    int differing = 0;
    for (int64_t e = 0; e < 200; ++e) {
      if (!SameRecords(a(e), b(e))) ++differing;
    }
    EXPECT_GT(differing, 190);
  }
}

TEST(Generators, EntityDoesNotDependOnCallOrder) {
  for (const Kind& kind : Kinds()) {
    SCOPED_TRACE(kind.name);
    const EntityFunction generate = kind.make(9);
    std::vector<std::vector<GeneratedRecord>> forward;
    for (int64_t e = 0; e < 300; ++e) forward.push_back(generate(e));
    for (int64_t e = 299; e >= 0; --e) {
      ASSERT_TRUE(SameRecords(generate(e), forward[static_cast<size_t>(e)]))
          << "entity " << e;
    }
    // And from a fresh generator, out of order.
    const EntityFunction fresh = kind.make(9);
    EXPECT_TRUE(SameRecords(fresh(123), forward[123]));
  }
}

TEST(Generators, DuplicateShareIsWithinTolerance) {
  for (const Kind& kind : Kinds()) {
    SCOPED_TRACE(kind.name);
    const EntityFunction generate = kind.make(5);
    const int64_t entities = 20000;
    int64_t records = 0;
    for (int64_t e = 0; e < entities; ++e) records += generate(e).size();
    const double share =
        static_cast<double>(records - entities) / static_cast<double>(records);
    EXPECT_NEAR(share, 0.2, 0.01);
  }
}

TEST(Generators, IdsAreUniqueAndColumnsComplete) {
  for (const Kind& kind : Kinds()) {
    SCOPED_TRACE(kind.name);
    const EntityFunction generate = kind.make(3);
    absl::flat_hash_set<std::string> ids;
    for (int64_t e = 0; e < 5000; ++e) {
      const std::vector<GeneratedRecord> records = generate(e);
      ASSERT_FALSE(records.empty());
      for (size_t copy = 0; copy < records.size(); ++copy) {
        const GeneratedRecord& r = records[copy];
        EXPECT_EQ(r.id, absl::StrCat(e, "-", copy));
        EXPECT_TRUE(ids.insert(r.id).second) << r.id;
        EXPECT_EQ(r.values.size(), kind.columns().size());
        EXPECT_TRUE(r.source == "crm" || r.source == "erp") << r.source;
      }
    }
  }
}

TEST(Generators, ColumnsAreTheBuiltInAttributes) {
  EXPECT_EQ(
      OrganizationColumns(),
      (std::vector<std::string>{"name", "registration_id", "tax_id", "phone",
                                "email", "website", "address_line", "city",
                                "region", "postal_code", "country"}));
  EXPECT_EQ(ProductColumns(),
            (std::vector<std::string>{"name", "brand", "manufacturer", "mpn",
                                      "gtin", "sku", "category", "description",
                                      "price", "currency"}));
}

TEST(GtinCheckDigit, MatchesPublishedBarcodes) {
  EXPECT_EQ(GtinCheckDigit("400638133393"), 1);  // EAN-13 4006381333931
  EXPECT_EQ(GtinCheckDigit("03600029145"), 2);   // UPC-A 036000291452
}

TEST(ProductGenerator, GtinsHaveValidCheckDigits) {
  ProductGenerator generator({.seed = 11});
  int checked = 0;
  absl::flat_hash_set<std::string> entity_gtins;
  for (int64_t e = 0; e < 5000; ++e) {
    std::string entity_gtin;
    for (const GeneratedRecord& r : generator.Entity(e)) {
      const std::string& gtin = r.values[4];
      // A UPC-A that lost its leading zero is 11 digits: no GTIN any more.
      if (gtin.empty() || gtin.size() == 11) continue;
      const matching::IdentifierCheck check = matching::CheckGtin(gtin);
      EXPECT_TRUE(check.valid) << gtin << ": " << check.problem;
      if (entity_gtin.empty()) entity_gtin = check.normalized;
      EXPECT_EQ(check.normalized, entity_gtin) << "entity " << e;
      ++checked;
    }
    if (!entity_gtin.empty()) {
      EXPECT_TRUE(entity_gtins.insert(entity_gtin).second) << entity_gtin;
    }
  }
  EXPECT_GT(checked, 3000);
}

TEST(ProductGenerator, NeighbouringVariantsAreDifferentProducts) {
  // Variants of one line share the model but not the MPN's last part.
  ProductGenerator generator({.seed = 4, .duplicate_share = 0});
  int near_duplicates = 0;
  std::string previous_mpn;
  for (int64_t e = 0; e < 2000; ++e) {
    const std::string mpn = generator.Entity(e)[0].values[3];
    if (mpn.empty()) {
      previous_mpn.clear();
      continue;
    }
    const std::string line = mpn.substr(0, mpn.rfind('-'));
    if (!previous_mpn.empty() &&
        previous_mpn.substr(0, previous_mpn.rfind('-')) == line) {
      EXPECT_NE(mpn, previous_mpn);
      ++near_duplicates;
    }
    previous_mpn = mpn;
  }
  EXPECT_GT(near_duplicates, 300);
}

TEST(ProductGenerator, LinesHoldUpToFortyEightDistinctSiblings) {
  // Lines are grouped by the MPN without its last part, over the first
  // (noiseless) copies that kept their MPN.
  ProductGenerator generator({.seed = 5, .duplicate_share = 0});
  absl::flat_hash_map<std::string, absl::flat_hash_set<std::string>> lines;
  int accessories = 0, bundles = 0;
  absl::flat_hash_set<std::string> titles;
  for (int64_t e = 0; e < 4096; ++e) {
    const GeneratedRecord record = generator.Entity(e)[0];
    const std::string& title = record.values[0];
    // Different products never share a noiseless title.
    EXPECT_TRUE(titles.insert(title).second) << title;
    if (title.find(" for ") != std::string::npos) ++accessories;
    if (title.find(" with ") != std::string::npos) ++bundles;
    const std::string& mpn = record.values[3];
    if (mpn.empty()) continue;
    EXPECT_TRUE(lines[mpn.substr(0, mpn.rfind('-'))].insert(mpn).second)
        << mpn << " twice";
  }
  size_t largest = 0, at_least_five = 0;
  for (const auto& [line, mpns] : lines) {
    largest = std::max(largest, mpns.size());
    if (mpns.size() >= 5) ++at_least_five;
  }
  EXPECT_GE(largest, 25u);
  EXPECT_LE(largest, 48u);
  EXPECT_GT(at_least_five, 30u);
  EXPECT_GT(accessories, 100);
  EXPECT_GT(bundles, 100);
}

TEST(OrganizationGenerator, ChineseCompaniesAppearInHanziAndInLatin) {
  OrganizationGenerator generator({.seed = 8, .chinese_share = 1.0});
  int pairs = 0;
  for (int64_t e = 0; e < 3000; ++e) {
    const std::vector<GeneratedRecord> records = generator.Entity(e);
    if (records.size() < 2) continue;
    const std::string& first = records[0].values[0];
    const std::string& second = records[1].values[0];
    const std::string& han = HasHan(first) ? first : second;
    const std::string& latin = HasHan(first) ? second : first;
    EXPECT_TRUE(HasHan(han)) << first << " / " << second;
    EXPECT_FALSE(HasHan(latin)) << first << " / " << second;
    EXPECT_TRUE(HasLatinLetter(latin)) << latin;
    ++pairs;
  }
  EXPECT_GT(pairs, 300);
}

TEST(OrganizationGenerator, NoChineseCompaniesAtShareZero) {
  OrganizationGenerator generator({.seed = 8, .chinese_share = 0});
  for (int64_t e = 0; e < 2000; ++e) {
    for (const GeneratedRecord& r : generator.Entity(e)) {
      EXPECT_FALSE(HasHan(r.values[0])) << r.values[0];
      EXPECT_NE(r.values[10], "CN");
    }
  }
}

TEST(OrganizationGenerator, FirstRecordIdentifiersAreValid) {
  // The first record carries the ids as issued; copies may mistype them.
  OrganizationGenerator generator({.seed = 6});
  int registration = 0, tax = 0;
  for (int64_t e = 0; e < 3000; ++e) {
    const GeneratedRecord r = generator.Entity(e)[0];
    const std::string& country = r.values[10];
    const std::string& registration_id = r.values[1];
    const std::string& tax_id = r.values[2];
    if (!registration_id.empty() && country == "CN") {
      const matching::IdentifierCheck check = matching::ClassifyIdentifier(
          registration_id, matching::IdentifierHint::kRegistration);
      EXPECT_EQ(check.scheme, matching::IdScheme::kChinaUscc)
          << registration_id;
      EXPECT_TRUE(check.valid) << registration_id << ": " << check.problem;
      ++registration;
    }
    if (!tax_id.empty() && (country == "US" || country == "DE")) {
      const matching::IdentifierCheck check =
          matching::ClassifyIdentifier(tax_id, matching::IdentifierHint::kTax);
      EXPECT_EQ(check.scheme, country == "US" ? matching::IdScheme::kUsEin
                                              : matching::IdScheme::kEuVat)
          << tax_id;
      EXPECT_TRUE(check.valid) << tax_id << ": " << check.problem;
      ++tax;
    }
  }
  EXPECT_GT(registration, 100);
  EXPECT_GT(tax, 500);
}

TEST(OrganizationGenerator, SomeNeighboursShareABrandButNotAName) {
  // Sister companies: the brand of an entity shortly before, with another
  // industry or city.
  OrganizationGenerator generator({.seed = 2, .chinese_share = 0});
  std::vector<std::string> names;
  int sisters = 0;
  for (int64_t e = 0; e < 3000; ++e) {
    names.push_back(generator.Entity(e)[0].values[0]);
    const std::string& name = names.back();
    const std::string brand = name.substr(0, name.find(' '));
    for (int64_t back = 1; back <= 4 && back <= e; ++back) {
      const std::string& other = names[static_cast<size_t>(e - back)];
      if (other != name && other.substr(0, other.find(' ')) == brand) {
        ++sisters;
        break;
      }
    }
  }
  EXPECT_GT(sisters, 150);
}

}  // namespace
}  // namespace mdm::gen
