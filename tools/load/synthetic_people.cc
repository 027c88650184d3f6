#include "tools/load/synthetic_people.h"

#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/gen/internal/random.h"

namespace mdm::load {
namespace {

using ::mdm::gen::Mix;

constexpr std::array<const char*, 64> kGiven = {
    "james",   "mary",     "john",     "patricia",  "robert",  "jennifer",
    "michael", "linda",    "william",  "elizabeth", "david",   "barbara",
    "richard", "susan",    "joseph",   "jessica",   "thomas",  "sarah",
    "charles", "karen",    "daniel",   "nancy",     "matthew", "lisa",
    "anthony", "betty",    "mark",     "margaret",  "donald",  "sandra",
    "steven",  "ashley",   "paul",     "kimberly",  "andrew",  "emily",
    "joshua",  "donna",    "kenneth",  "michelle",  "kevin",   "dorothy",
    "brian",   "carol",    "george",   "amanda",    "edward",  "melissa",
    "ronald",  "deborah",  "timothy",  "stephanie", "jason",   "rebecca",
    "jeffrey", "sharon",   "ryan",     "laura",     "jacob",   "cynthia",
    "gary",    "kathleen", "nicholas", "amy"};

constexpr std::array<const char*, 96> kFamilyStems = {
    "smith",     "johnson",    "williams",  "brown",    "jones",     "garcia",
    "miller",    "davis",      "rodriguez", "martinez", "hernandez", "lopez",
    "gonzalez",  "wilson",     "anderson",  "thomas",   "taylor",    "moore",
    "jackson",   "martin",     "lee",       "perez",    "thompson",  "white",
    "harris",    "sanchez",    "clark",     "ramirez",  "lewis",     "robinson",
    "walker",    "young",      "allen",     "king",     "wright",    "scott",
    "torres",    "nguyen",     "hill",      "flores",   "green",     "adams",
    "nelson",    "baker",      "hall",      "rivera",   "campbell",  "mitchell",
    "carter",    "roberts",    "gomez",     "phillips", "evans",     "turner",
    "diaz",      "parker",     "cruz",      "edwards",  "collins",   "reyes",
    "stewart",   "morris",     "morales",   "murphy",   "cook",      "rogers",
    "gutierrez", "ortiz",      "morgan",    "cooper",   "peterson",  "bailey",
    "reed",      "kelly",      "howard",    "ramos",    "kim",       "cox",
    "ward",      "richardson", "watson",    "brooks",   "chavez",    "wood",
    "james",     "bennett",    "gray",      "mendoza",  "ruiz",      "hughes",
    "price",     "alvarez",    "castillo",  "sanders",  "patel",     "myers"};

constexpr std::array<const char*, 8> kFamilySuffixes = {
    "", "son", "ley", "ford", "ton", "field", "well", "man"};

constexpr std::array<const char*, 24> kStreets = {
    "oak",      "maple",   "cedar",    "pine",   "elm",    "willow",
    "birch",    "spruce",  "lake",     "hill",   "river",  "park",
    "church",   "station", "mill",     "bridge", "king",   "queen",
    "victoria", "albert",  "highland", "meadow", "forest", "harbour"};

constexpr std::array<const char*, 6> kStreetTypes = {
    "street", "road", "avenue", "lane", "drive", "court"};

constexpr std::array<const char*, 32> kCities = {
    "springfield", "riverton",   "fairview", "georgetown", "clinton",
    "salem",       "madison",    "franklin", "greenville", "bristol",
    "dover",       "oxford",     "ashland",  "milton",     "newport",
    "burlington",  "manchester", "kingston", "lexington",  "arlington",
    "chester",     "jackson",    "marion",   "auburn",     "dayton",
    "hudson",      "lebanon",    "windsor",  "camden",     "hamilton",
    "richmond",    "florence"};

std::string Typo(std::string word, std::mt19937_64& rng) {
  if (word.size() < 4) return word;
  const size_t at = 1 + rng() % (word.size() - 2);
  switch (rng() % 3) {
    case 0:
      std::swap(word[at], word[at + 1]);
      break;
    case 1:
      word.erase(at, 1);
      break;
    default:
      word[at] = static_cast<char>('a' + rng() % 26);
      break;
  }
  return word;
}

std::string Value(const Attributes& attributes, const std::string& name) {
  for (const auto& [n, v] : attributes) {
    if (n == name) return v;
  }
  return "";
}

}  // namespace

Attributes SyntheticPeople::Person(int64_t index) const {
  uint64_t state = Mix(seed_ ^ Mix(static_cast<uint64_t>(index)));
  auto next = [&](uint64_t bound) {
    state = Mix(state);
    return state % bound;
  };
  const std::string given = kGiven[next(kGiven.size())];
  const std::string family =
      absl::StrCat(kFamilyStems[next(kFamilyStems.size())],
                   kFamilySuffixes[next(kFamilySuffixes.size())]);
  const int year = 1940 + static_cast<int>(next(66));
  const int month = 1 + static_cast<int>(next(12));
  const int day = 1 + static_cast<int>(next(28));
  const std::string street =
      absl::StrCat(1 + next(400), " ", kStreets[next(kStreets.size())], " ",
                   kStreetTypes[next(kStreetTypes.size())]);
  return {{"given_name", given},
          {"family_name", family},
          {"birth_date", absl::StrFormat("%04d-%02d-%02d", year, month, day)},
          {"email", absl::StrCat(given, ".", family, index, "@example.com")},
          {"phone", absl::StrFormat("+1 %03d %03d %04d", 201 + next(700),
                                    200 + next(800), next(10000))},
          {"address_line", street},
          {"city", kCities[next(kCities.size())]},
          {"postal_code", absl::StrFormat("%05d", 10000 + next(80000))},
          {"country", "US"}};
}

Attributes SyntheticPeople::Query(int64_t index, std::mt19937_64& rng) const {
  const Attributes person = Person(index);
  std::string given = Value(person, "given_name");
  std::string family = Value(person, "family_name");
  if (rng() % 2 == 0) family = Typo(family, rng);
  Attributes query = {{"given_name", given}, {"family_name", family}};
  switch (rng() % 4) {
    case 0:
      query.emplace_back("birth_date", Value(person, "birth_date"));
      break;
    case 1:
      query.emplace_back("birth_date", Value(person, "birth_date"));
      query.emplace_back("postal_code", Value(person, "postal_code"));
      break;
    case 2:
      query.emplace_back("phone", Value(person, "phone"));
      break;
    default:
      query.emplace_back("city", Value(person, "city"));
      query.emplace_back("address_line", Value(person, "address_line"));
      break;
  }
  return query;
}

}  // namespace mdm::load
