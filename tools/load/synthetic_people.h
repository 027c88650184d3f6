// Synthetic people for load tests: distinct persons with plausible,
// deterministic attributes, and noisy copies of them as search queries.
//
//   SyntheticPeople people(/*seed=*/7);
//   std::vector<std::pair<std::string, std::string>> a = people.Person(42);
//   std::vector<std::pair<std::string, std::string>> q = people.Noisy(42, rng);
//
// Person(i) is a pure function of (seed, i): the same index always gives the
// same person, so a query made later finds the record loaded earlier.
// Attributes use the built-in person type's names. Thread-compatible.
#ifndef MDM_TOOLS_LOAD_SYNTHETIC_PEOPLE_H_
#define MDM_TOOLS_LOAD_SYNTHETIC_PEOPLE_H_

#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace mdm::load {

using Attributes = std::vector<std::pair<std::string, std::string>>;

class SyntheticPeople {
 public:
  explicit SyntheticPeople(uint64_t seed) : seed_(seed) {}

  // Person number `index`: given and family name, birth date, e-mail, phone,
  // address, city, postal code, country.
  Attributes Person(int64_t index) const;

  // A search query for person `index`: its name with a typo half of the
  // time, and one or two of its other attributes.
  Attributes Query(int64_t index, std::mt19937_64& rng) const;

 private:
  uint64_t seed_;
};

}  // namespace mdm::load

#endif  // MDM_TOOLS_LOAD_SYNTHETIC_PEOPLE_H_
