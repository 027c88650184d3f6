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

inline EntityModel CompileOrDie(const std::string& text) {
  auto model = EntityModel::Compile(ParseEntityType(text));
  EXPECT_TRUE(model.ok()) << model.status();
  return *std::move(model);
}

// A person type: email alone links, names alone do not, names with birth
// date do; national_id is a strong identifier.
inline EntityModel TestPersonModel() {
  return CompileOrDie(R"pb(
    name: "person"
    id_prefix: "PER"
    prior_match_probability: 0.0001
    thresholds { auto_merge: 0.99 review: 0.8 }
    attributes {
      name: "full_name"
      kind: PERSON_NAME
      derive_from: "given_name"
      derive_from: "family_name"
    }
    attributes { name: "given_name" kind: GIVEN_NAME }
    attributes { name: "family_name" kind: FAMILY_NAME }
    attributes { name: "email" kind: EMAIL }
    attributes { name: "birth_date" kind: DATE }
    attributes { name: "national_id" kind: NATIONAL_ID strong: true }
    blocking_rules { name: "email" attributes: "email" }
    blocking_rules {
      name: "name_dob"
      attributes: "full_name"
      attributes: "birth_date"
    }
    blocking_rules {
      name: "sounds"
      parts { attribute: "family_name" transform: SOUNDEX }
      parts { attribute: "birth_date" transform: YEAR }
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
        label: "same mailbox"
        same_key {}
        m: 0.05
        u: 0.0000001
      }
      levels {
        label: "different"
        else {}
        m: 0.15
        u: 0.9999998
      }
    }
    comparisons {
      name: "given_name"
      attribute: "given_name"
      levels {
        label: "exact"
        exact {}
        m: 0.6
        u: 0.01
        tf_adjust: true
      }
      levels {
        label: "swapped"
        swapped { attribute: "family_name" }
        m: 0.03
        u: 0.0001
      }
      levels {
        label: "nickname"
        same_key {}
        m: 0.05
        u: 0.001
      }
      levels {
        label: "jw"
        jaro_winkler { min: 0.9 }
        m: 0.2
        u: 0.005
      }
      levels {
        label: "different"
        else {}
        m: 0.12
        u: 0.9839
      }
    }
    comparisons {
      name: "family_name"
      attribute: "family_name"
      levels {
        label: "exact"
        exact {}
        m: 0.7
        u: 0.003
      }
      levels {
        label: "swapped"
        swapped { attribute: "given_name" }
        m: 0.03
        u: 0.0001
      }
      levels {
        label: "jw"
        jaro_winkler { min: 0.9 }
        m: 0.2
        u: 0.005
      }
      levels {
        label: "different"
        else {}
        m: 0.07
        u: 0.9919
      }
    }
    comparisons {
      name: "full_name"
      attribute: "full_name"
      unless_compared: "given_name"
      unless_compared: "family_name"
      levels {
        label: "exact"
        exact {}
        m: 0.7
        u: 0.0001
      }
      levels {
        label: "different"
        else {}
        m: 0.3
        u: 0.9999
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
        label: "swapped"
        date { day_month_swapped: true }
        m: 0.05
        u: 0.0003
      }
      levels {
        label: "different"
        else {}
        m: 0.05
        u: 0.9994
      }
    }
    comparisons {
      name: "national_id"
      attribute: "national_id"
      levels {
        label: "exact"
        exact {}
        m: 0.9
        u: 0.0000001
      }
      levels {
        label: "conflict"
        conflict {}
        m: 0.001
        u: 0.5
      }
      levels {
        label: "invalid"
        invalid {}
        m: 0.02
        u: 0.02
      }
      levels {
        label: "different"
        else {}
        m: 0.079
        u: 0.4799999
      }
    }
  )pb");
}

}  // namespace mdm::matching::testing

#endif  // MDM_MATCHING_TESTING_TEST_MODELS_H_
