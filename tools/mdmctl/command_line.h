// Command-line habits mdmctl shares with git and kubectl: `mdmctl help
// [COMMAND...]`, a suggestion for a mistyped command, and help texts that
// list the global flags and the exit codes under every command.
//
//   CLI::App app{"mdmctl"};
//   ... define options and subcommands ...
//   AddHelpFooters(app);
//   std::vector<std::string> args = RewriteHelpCommand(ArgsOf(argc, argv));
//   try { app.parse(args); } catch (const CLI::ParseError& e) {
//     if (std::string m = UnknownCommandMessage(app, args); !m.empty()) ...
//   }
#ifndef MDM_TOOLS_MDMCTL_COMMAND_LINE_H_
#define MDM_TOOLS_MDMCTL_COMMAND_LINE_H_

#include <string>
#include <vector>

#include "CLI/CLI.hpp"

namespace mdm::cli {

// The arguments after the program name, in order.
std::vector<std::string> ArgsOf(int argc, char** argv);

// "help" as the first command becomes --help of what follows it: `help` ->
// `--help`, `help import` -> `import --help`, `help candidates list` ->
// `candidates list --help`. Other arguments are returned as they are.
std::vector<std::string> RewriteHelpCommand(const CLI::App& app,
                                            std::vector<std::string> args);

// When `args` name a command that `app` does not have (at the top or under
// a command with subcommands), the message to print: "'imprt' is not an
// mdmctl command; did you mean import?" (without the suggestion when none is
// close). "" when every command named exists.
std::string UnknownCommandMessage(const CLI::App& app,
                                  const std::vector<std::string>& args);

// Sets the footer of `app` and of every subcommand: the global flags (app's
// own options, which are accepted before or after the command) and
// `trailer` (the exit codes).
void AddHelpFooters(CLI::App& app, const std::string& trailer);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_COMMAND_LINE_H_
