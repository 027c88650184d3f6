// Entity models for matching tests, built from text-format configuration.
//
//   EntityModel model = TestPersonModel();
#ifndef MDM_MATCHING_TESTING_TEST_MODELS_H_
#define MDM_MATCHING_TESTING_TEST_MODELS_H_

#include <string>

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "matching/entity_model.h"

namespace mdm::matching::testing {

inline v1::EntityTypeConfig ParseEntityType(const std::string& text) {
  v1::EntityTypeConfig config;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &config))
      << text;
  return config;
}

// A person type with email, names and birth date; email alone links, name
// alone does not, name with birth date does.
inline EntityModel TestPersonModel() {
  auto model = EntityModel::Compile(ParseEntityType(R"pb(
    name: "person"
    id_prefix: "PER"
    prior_match_probability: 0.0001
    thresholds { auto_merge: 0.99 review: 0.8 }
    attributes { name: "full_name" kind: PERSON_NAME }
    attributes { name: "given_name" kind: GIVEN_NAME }
    attributes { name: "family_name" kind: FAMILY_NAME }
    attributes { name: "email" kind: EMAIL }
    attributes { name: "birth_date" kind: DATE }
    blocking_rules { name: "email" attributes: "email" }
    blocking_rules {
      name: "name_dob"
      attributes: "full_name"
      attributes: "birth_date"
    }
    comparisons {
      name: "email"
      attribute: "email"
      levels {
        label: "exact"
        exact {}
        m: 0.8
        u: 0.0000001
      }
      levels {
        label: "different"
        else {}
        m: 0.2
        u: 0.9999999
      }
    }
    comparisons {
      name: "name"
      attribute: "full_name"
      levels {
        label: "exact"
        exact {}
        m: 0.8
        u: 0.001
      }
      levels {
        label: "different"
        else {}
        m: 0.2
        u: 0.999
      }
    }
    comparisons {
      name: "birth_date"
      attribute: "birth_date"
      levels {
        label: "exact"
        exact {}
        m: 0.9
        u: 0.0003
      }
      levels {
        label: "different"
        else {}
        m: 0.1
        u: 0.9997
      }
    }
  )pb"));
  EXPECT_TRUE(model.ok()) << model.status();
  return *std::move(model);
}

}  // namespace mdm::matching::testing

#endif  // MDM_MATCHING_TESTING_TEST_MODELS_H_
