#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
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
      {"organization with English brands", &OrganizationColumns,
       [](uint64_t seed) -> EntityFunction {
         OrganizationGenerator generator(
             {.seed = seed, .chinese_share = 0.5, .english_brand_share = 0.5});
         return [generator](int64_t e) { return generator.Entity(e); };
       }},
      {"product in Chinese", &ProductColumns,
       [](uint64_t seed) -> EntityFunction {
         ProductGenerator generator({.seed = seed, .chinese_share = 0.5});
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
  // Group members: the brand of an entity shortly before, with another
  // industry, region or city.
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

// The first record of entity `e`: noiseless, though fields may be missing.
GeneratedRecord FirstRecord(const OrganizationGenerator& generator, int64_t e) {
  return generator.Entity(e)[0];
}

// The domain of a noiseless website ("https://www.vantora.com").
std::string Domain(const std::string& website) {
  const std::string prefix = "https://www.";
  return absl::StartsWith(website, prefix) ? website.substr(prefix.size())
                                           : website;
}

TEST(OrganizationGenerator, AboutHalfOfTheEntitiesAreInGroupsOfConsecutiveIds) {
  OrganizationGenerator generator({.seed = 12});
  const int64_t entities = 20000;
  int64_t in_groups = 0;
  absl::flat_hash_map<int64_t, int> sizes;
  OrganizationRole previous = OrganizationRole::kAlone;
  int64_t previous_group = -1;
  for (int64_t e = 0; e < entities; ++e) {
    const OrganizationMembership m = generator.Membership(e);
    ASSERT_LE(m.group, e);
    ++sizes[m.group];
    if (m.role == OrganizationRole::kAlone) {
      EXPECT_EQ(m.group, e);
      EXPECT_EQ(m.head, e);
    } else {
      ++in_groups;
    }
    if (m.group == e) {
      EXPECT_TRUE(m.role == OrganizationRole::kAlone ||
                  m.role == OrganizationRole::kParent);
    } else {
      // Consecutive ids: the parent, the subsidiaries, then the branches.
      EXPECT_EQ(m.group, previous_group) << "entity " << e;
      EXPECT_TRUE(m.role == OrganizationRole::kBranch ||
                  (m.role == OrganizationRole::kSubsidiary &&
                   previous != OrganizationRole::kBranch))
          << "entity " << e;
    }
    if (m.role == OrganizationRole::kBranch) {
      EXPECT_GE(m.head, m.group);
      EXPECT_LT(m.head, e);
      EXPECT_NE(generator.Membership(m.head).role, OrganizationRole::kBranch);
    } else {
      EXPECT_EQ(m.head, e);
    }
    previous = m.role;
    previous_group = m.group;
  }
  const double share =
      static_cast<double>(in_groups) / static_cast<double>(entities);
  EXPECT_GT(share, 0.4);
  EXPECT_LT(share, 0.6);
  int largest = 0;
  for (const auto& [group, size] : sizes) largest = std::max(largest, size);
  EXPECT_GE(largest, 12);
  EXPECT_LE(largest, 20);
}

TEST(OrganizationGenerator,
     GroupMembersAreDistinctEntitiesSharingDomainAndPhone) {
  for (const double chinese_share : {0.0, 0.2, 1.0}) {
    SCOPED_TRACE(chinese_share);
    OrganizationGenerator generator(
        {.seed = 13, .chinese_share = chinese_share});
    int members = 0, same_domain = 0, with_domain = 0;
    int same_phone = 0, with_phone = 0, with_extension = 0;
    for (int64_t e = 0; e < 6000; ++e) {
      const OrganizationMembership m = generator.Membership(e);
      if (m.role != OrganizationRole::kParent) continue;
      // The parent's first record against those of its members.
      const GeneratedRecord parent = FirstRecord(generator, e);
      absl::flat_hash_set<std::string> names = {parent.values[0]};
      absl::flat_hash_set<std::string> registrations;
      if (!parent.values[1].empty()) registrations.insert(parent.values[1]);
      for (int64_t member = e + 1; generator.Membership(member).group == e;
           ++member) {
        const GeneratedRecord r = FirstRecord(generator, member);
        ++members;
        EXPECT_TRUE(names.insert(r.values[0]).second)
            << r.values[0] << " twice in the group of " << e;
        if (!r.values[1].empty()) {
          EXPECT_TRUE(registrations.insert(r.values[1]).second)
              << r.values[1] << " twice in the group of " << e;
        }
        if (!parent.values[5].empty() && !r.values[5].empty()) {
          ++with_domain;
          if (Domain(r.values[5]) == Domain(parent.values[5])) ++same_domain;
        }
        if (!parent.values[3].empty() && !r.values[3].empty() &&
            r.values[10] == parent.values[10]) {
          ++with_phone;
          if (absl::StartsWith(r.values[3], parent.values[3])) {
            ++same_phone;
            if (r.values[3] != parent.values[3]) ++with_extension;
          }
        }
      }
    }
    EXPECT_GT(members, 1500);
    // Most share the group's domain; some subsidiaries have their own.
    EXPECT_GT(same_domain, with_domain * 6 / 10);
    EXPECT_LT(same_domain, with_domain);
    // Often the group's switchboard, sometimes with an extension.
    EXPECT_GT(same_phone, with_phone * 3 / 10);
    EXPECT_LT(same_phone, with_phone * 8 / 10);
    EXPECT_GT(with_extension, same_phone / 10);
  }
}

TEST(OrganizationGenerator, BranchesCarryTheirHeadsNameInAnotherCity) {
  OrganizationGenerator generator({.seed = 14, .chinese_share = 0});
  int branches = 0, cities = 0;
  for (int64_t e = 0; e < 8000; ++e) {
    const OrganizationMembership m = generator.Membership(e);
    if (m.role != OrganizationRole::kBranch) continue;
    ++branches;
    const GeneratedRecord branch = FirstRecord(generator, e);
    const GeneratedRecord head = FirstRecord(generator, m.head);
    const std::string& name = branch.values[0];
    EXPECT_TRUE(absl::StartsWith(name, head.values[0]))
        << name << " / " << head.values[0];
    EXPECT_TRUE(absl::StrContains(name, "Branch") ||
                absl::StrContains(name, "iederlassung"))
        << name;
    // Not registered on their own outside China.
    EXPECT_EQ(branch.values[1], "") << name;
    EXPECT_EQ(branch.values[2], "") << name;
    if (!branch.values[7].empty() && !head.values[7].empty()) {
      EXPECT_NE(branch.values[7], head.values[7]) << name;
      ++cities;
    }
  }
  EXPECT_GT(branches, 1000);
  EXPECT_GT(cities, 700);
}

TEST(OrganizationGenerator, ChineseBranchesHaveTheirOwnUsccInTheirCity) {
  OrganizationGenerator generator({.seed = 15, .chinese_share = 1.0});
  int branches = 0, compared = 0;
  for (int64_t e = 0; e < 6000; ++e) {
    const OrganizationMembership m = generator.Membership(e);
    if (m.role != OrganizationRole::kBranch) continue;
    const GeneratedRecord branch = FirstRecord(generator, e);
    const std::string& name = branch.values[0];
    if (HasHan(name)) {
      EXPECT_TRUE(absl::EndsWith(name, "分公司")) << name;
    } else {
      EXPECT_TRUE(absl::StrContains(name, "Branch")) << name;
    }
    ++branches;
    const std::string& uscc = branch.values[1];
    const std::string head_uscc = FirstRecord(generator, m.head).values[1];
    if (uscc.empty() || head_uscc.empty()) continue;
    const matching::IdentifierCheck check = matching::ClassifyIdentifier(
        uscc, matching::IdentifierHint::kRegistration);
    EXPECT_EQ(check.scheme, matching::IdScheme::kChinaUscc) << uscc;
    EXPECT_TRUE(check.valid) << uscc << ": " << check.problem;
    // Characters 3-8 are the administrative division of its city.
    EXPECT_NE(uscc.substr(2, 6), head_uscc.substr(2, 6)) << name;
    ++compared;
  }
  EXPECT_GT(branches, 700);
  EXPECT_GT(compared, 100);
}

TEST(OrganizationGenerator, EnglishBrandShareGivesNonPinyinLatinNames) {
  // The same companies with and without English brands: Hanzi names stay,
  // Latin names change.
  OrganizationGenerator pinyin({.seed = 16, .chinese_share = 1.0});
  OrganizationGenerator english(
      {.seed = 16, .chinese_share = 1.0, .english_brand_share = 1.0});
  int latin = 0;
  for (int64_t e = 0; e < 3000; ++e) {
    const std::vector<GeneratedRecord> a = pinyin.Entity(e);
    const std::vector<GeneratedRecord> b = english.Entity(e);
    ASSERT_EQ(a.size(), b.size());
    for (size_t copy = 0; copy < a.size(); ++copy) {
      const std::string& name = a[copy].values[0];
      if (HasHan(name)) {
        EXPECT_EQ(b[copy].values[0], name);
      } else {
        EXPECT_NE(absl::AsciiStrToLower(b[copy].values[0]),
                  absl::AsciiStrToLower(name));
        ++latin;
      }
    }
  }
  EXPECT_GT(latin, 1000);

  // At 0.3, about that share of the groups.
  OrganizationGenerator some(
      {.seed = 16, .chinese_share = 1.0, .english_brand_share = 0.3});
  int groups = 0, renamed = 0;
  for (int64_t e = 0; e < 6000; ++e) {
    if (pinyin.Membership(e).group != e) continue;
    ++groups;
    // Only an English brand (in names, websites, e-mail) tells them apart.
    if (!SameRecords(pinyin.Entity(e), some.Entity(e))) ++renamed;
  }
  EXPECT_GT(renamed, groups * 2 / 10);
  EXPECT_LT(renamed, groups * 4 / 10);
}

TEST(ProductGenerator, ChineseLinesHaveAChineseAndAnEnglishCopy) {
  ProductGenerator generator({.seed = 17, .chinese_share = 1.0});
  int pairs = 0;
  for (int64_t e = 0; e < 3000; ++e) {
    const std::vector<GeneratedRecord> records = generator.Entity(e);
    for (const GeneratedRecord& r : records) {
      EXPECT_FALSE(HasHan(r.values[3])) << "MPN " << r.values[3];
      EXPECT_FALSE(HasHan(r.values[4])) << "GTIN " << r.values[4];
    }
    if (records.size() < 2) continue;
    const GeneratedRecord& first = records[0];
    const GeneratedRecord& second = records[1];
    const GeneratedRecord& chinese = HasHan(first.values[0]) ? first : second;
    const GeneratedRecord& english = HasHan(first.values[0]) ? second : first;
    EXPECT_TRUE(HasHan(chinese.values[0])) << english.values[0];
    EXPECT_FALSE(HasHan(english.values[0])) << english.values[0];
    if (!chinese.values[6].empty()) {
      EXPECT_TRUE(HasHan(chinese.values[6])) << chinese.values[6];
    }
    if (!english.values[6].empty()) {
      EXPECT_FALSE(HasHan(english.values[6])) << english.values[6];
    }
    ++pairs;
  }
  EXPECT_GT(pairs, 300);
}

TEST(ProductGenerator, ChineseListingsLeaveEnglishOnlyLinesUnchanged) {
  ProductGenerator none({.seed = 18, .chinese_share = 0});
  ProductGenerator some({.seed = 18});  // 15% of the lines
  const int64_t entities = 20000;
  int64_t chinese = 0;
  for (int64_t e = 0; e < entities; ++e) {
    const std::vector<GeneratedRecord> a = none.Entity(e);
    const std::vector<GeneratedRecord> b = some.Entity(e);
    bool any_han = false;
    for (const GeneratedRecord& r : a) EXPECT_FALSE(HasHan(r.values[0]));
    for (const GeneratedRecord& r : b) any_han = any_han || HasHan(r.values[0]);
    if (any_han) {
      ++chinese;
    } else {
      // Records in English are those of share 0, copy for copy.
      ASSERT_TRUE(SameRecords(a, b)) << "entity " << e;
    }
  }
  // Lines at 15%, and of their entities those with a record in Chinese:
  // every duplicated one and half of the others, about 58%.
  const double share =
      static_cast<double>(chinese) / static_cast<double>(entities);
  EXPECT_GT(share, 0.05);
  EXPECT_LT(share, 0.13);
}

TEST(ProductGenerator, ChineseSiblingsAreDistinctProducts) {
  // Noiseless titles in either language never repeat across products.
  ProductGenerator generator(
      {.seed = 19, .duplicate_share = 0, .chinese_share = 1.0});
  absl::flat_hash_set<std::string> titles;
  int chinese = 0;
  for (int64_t e = 0; e < 4096; ++e) {
    const std::string title = generator.Entity(e)[0].values[0];
    EXPECT_TRUE(titles.insert(title).second) << title;
    if (HasHan(title)) ++chinese;
  }
  EXPECT_GT(chinese, 1500);
}

}  // namespace
}  // namespace mdm::gen
