#include "tools/mdmctl/command_line.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "tools/mdmctl/suggest.h"

namespace mdm::cli {
namespace {

// The subcommand of `app` called `name`, or null.
const CLI::App* Subcommand(const CLI::App& app, const std::string& name) {
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == name) return sub;
  }
  return nullptr;
}

std::vector<std::string> SubcommandNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) {
    names.push_back(sub->get_name());
  }
  return names;
}

// Whether `arg` is an option of `app` (or an ancestor) that takes its value
// from the next argument ("--server HOST", not "--server=HOST").
bool TakesNextArgument(const CLI::App* app, const std::string& arg) {
  if (!absl::StartsWith(arg, "-") || absl::StrContains(arg, "=")) return false;
  for (; app != nullptr; app = app->get_parent()) {
    for (const CLI::Option* option : app->get_options({})) {
      if (option->check_name(arg)) return option->get_items_expected_min() > 0;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> ArgsOf(int argc, char** argv) {
  return std::vector<std::string>(argv + 1, argv + argc);
}

std::vector<std::string> RewriteHelpCommand(const CLI::App& app,
                                            std::vector<std::string> args) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (TakesNextArgument(&app, args[i])) {
      ++i;
      continue;
    }
    if (absl::StartsWith(args[i], "-")) continue;
    if (args[i] != "help") return args;
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
    args.push_back("--help");
    return args;
  }
  return args;
}

std::string UnknownCommandMessage(const CLI::App& app,
                                  const std::vector<std::string>& args) {
  const CLI::App* current = &app;
  std::vector<std::string> path = {app.get_name()};
  for (size_t i = 0; i < args.size(); ++i) {
    if (TakesNextArgument(current, args[i])) {
      ++i;
      continue;
    }
    if (absl::StartsWith(args[i], "-")) continue;
    if (current->get_subcommands({}).empty()) return "";  // an argument
    const CLI::App* next = Subcommand(*current, args[i]);
    if (next == nullptr) {
      const std::string suggestion =
          ClosestName(args[i], SubcommandNames(*current));
      const std::string where = absl::StrJoin(path, " ");
      return absl::StrCat(
          "'", args[i], "' is not an ", where, " command",
          suggestion.empty() ? ""
                             : absl::StrCat("; did you mean ", suggestion, "?"),
          "\nRun '", where, " --help' for the list of commands.");
    }
    path.push_back(next->get_name());
    current = next;
  }
  return "";
}

void AddHelpFooters(CLI::App& app, const std::string& trailer) {
  std::string flags = "Global flags (before or after the command):\n";
  for (const CLI::Option* option : app.get_options({})) {
    const std::string name = option->get_name(false, true);
    if (name.empty() || absl::StrContains(name, "--help") ||
        absl::StrContains(name, "--version")) {
      continue;
    }
    std::string shown = name;
    if (option->get_items_expected_min() > 0) {
      absl::StrAppend(&shown, "=", option->get_type_name());
    }
    absl::StrAppend(&flags, absl::StrFormat("  %-24s %s\n", shown,
                                            option->get_description()));
  }
  app.footer(absl::StrCat("\n", trailer));
  std::vector<CLI::App*> pending = app.get_subcommands({});
  while (!pending.empty()) {
    CLI::App* sub = pending.back();
    pending.pop_back();
    sub->footer(absl::StrCat("\n", flags, "\n", trailer));
    for (CLI::App* child : sub->get_subcommands({})) pending.push_back(child);
  }
}

}  // namespace mdm::cli
