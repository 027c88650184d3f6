// Loading and checking the service configuration.
//
//   MDM_ASSIGN_OR_RETURN(v1::MdmConfig config,
//   LoadConfigFile("mdm.textproto")); MDM_ASSIGN_OR_RETURN(v1::MdmConfig
//   config, DefaultConfig());
//
// Syntax errors read "FILE:LINE:COLUMN: message" (1-based); semantic errors
// name the entity type or source and the field, for example
// "mdm.textproto: entity type person: blocking rule 'email': unknown attribute
// 'e_mail'". Every entity type is compiled with EntityModel::Compile, so a
// configuration that loads can be matched with.
#ifndef MDM_SRC_CONFIG_CONFIG_LOADER_H_
#define MDM_SRC_CONFIG_CONFIG_LOADER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mdm/v1/config.pb.h"

namespace mdm {

// Parses and checks configuration text; `filename` is used in messages only.
absl::StatusOr<v1::MdmConfig> ParseConfig(absl::string_view text,
                                          absl::string_view filename);

// Reads and parses a configuration file.
absl::StatusOr<v1::MdmConfig> LoadConfigFile(const std::string& path);

// The built-in configuration (person, organization, product).
absl::StatusOr<v1::MdmConfig> DefaultConfig();

// The built-in configuration's text, as shipped.
absl::string_view DefaultConfigText();

}  // namespace mdm

#endif  // MDM_SRC_CONFIG_CONFIG_LOADER_H_
