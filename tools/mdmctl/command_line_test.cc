#include "tools/mdmctl/command_line.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdm::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// A small mdmctl-like command tree.
class CommandLineTest : public ::testing::Test {
 protected:
  CommandLineTest() : app_("test", "mdmctl") {
    app_.add_option("--server", server_, "mdmd address");
    app_.add_flag("--json", json_, "print JSON");
    app_.add_subcommand("import", "load a file");
    app_.add_subcommand("resolve", "a golden id");
    CLI::App* candidates = app_.add_subcommand("candidates", "the queue");
    candidates->add_subcommand("list", "pairs");
    candidates->add_subcommand("approve", "must-link");
  }

  CLI::App app_;
  std::string server_;
  bool json_ = false;
};

TEST_F(CommandLineTest, HelpCommandBecomesTheHelpFlag) {
  EXPECT_THAT(RewriteHelpCommand(app_, {"help"}), ElementsAre("--help"));
  EXPECT_THAT(RewriteHelpCommand(app_, {"help", "import"}),
              ElementsAre("import", "--help"));
  EXPECT_THAT(RewriteHelpCommand(
                  app_, {"--server", "h:1", "help", "candidates", "list"}),
              ElementsAre("--server", "h:1", "candidates", "list", "--help"));
  // "help" as a value or an argument is left alone.
  EXPECT_THAT(RewriteHelpCommand(app_, {"--server", "help", "import"}),
              ElementsAre("--server", "help", "import"));
  EXPECT_THAT(RewriteHelpCommand(app_, {"resolve", "help", "1"}),
              ElementsAre("resolve", "help", "1"));
}

TEST_F(CommandLineTest, MistypedCommandsGetASuggestion) {
  EXPECT_EQ(UnknownCommandMessage(app_, {"imprt", "a.csv"}),
            "'imprt' is not an mdmctl command; did you mean import?\n"
            "Run 'mdmctl --help' for the list of commands.");
  EXPECT_THAT(UnknownCommandMessage(app_, {"--json", "candidates", "aprove"}),
              HasSubstr("'aprove' is not an mdmctl candidates command; did you "
                        "mean approve?"));
  EXPECT_THAT(UnknownCommandMessage(app_, {"frobnicate"}),
              Not(HasSubstr("did you mean")));
  EXPECT_EQ(UnknownCommandMessage(app_, {"--server", "x", "resolve", "crm"}),
            "");
}

TEST_F(CommandLineTest, SubcommandHelpListsTheGlobalFlags) {
  AddHelpFooters(app_, "Exit codes: ...");
  const std::string help = app_.get_subcommand("import")->help();
  EXPECT_THAT(help, HasSubstr("Global flags"));
  EXPECT_THAT(help, HasSubstr("--server"));
  EXPECT_THAT(help, HasSubstr("--json"));
  EXPECT_THAT(help, HasSubstr("Exit codes"));
  EXPECT_THAT(app_.get_subcommand("candidates")->get_subcommand("list")->help(),
              HasSubstr("--server"));
}

}  // namespace
}  // namespace mdm::cli
