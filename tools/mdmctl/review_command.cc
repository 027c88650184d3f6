#include "tools/mdmctl/review_command.h"

#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "mdm/v1/schema.grpc.pb.h"
#include "mdm/v1/stewardship.grpc.pb.h"
#include "tools/mdmctl/candidate_view.h"
#include "tools/mdmctl/rpc_util.h"

namespace mdm::cli {
namespace {

constexpr char kClearScreen[] = "\033[H\033[2J";

// The terminal's settings before raw mode, restored on exit and on signals.
struct termios saved_terminal;
bool terminal_saved = false;

void RestoreTerminal() {
  if (terminal_saved) tcsetattr(STDIN_FILENO, TCSANOW, &saved_terminal);
}

void RestoreAndExit(int signal) {
  RestoreTerminal();
  _exit(128 + signal);
}

// Single keys without Enter and without echo while alive.
class RawKeys {
 public:
  RawKeys() {
    if (tcgetattr(STDIN_FILENO, &saved_terminal) != 0) return;
    terminal_saved = true;
    signal(SIGINT, RestoreAndExit);
    signal(SIGTERM, RestoreAndExit);
    signal(SIGHUP, RestoreAndExit);
  }
  ~RawKeys() { RestoreTerminal(); }

  // The next key; 0 at end of input.
  char Key() {
    struct termios raw = saved_terminal;
    raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    char key = 0;
    if (read(STDIN_FILENO, &key, 1) != 1) key = 0;
    RestoreTerminal();
    return key;
  }

  // A line typed with echo, without its newline.
  std::string Line() {
    RestoreTerminal();
    std::string line;
    char c = 0;
    while (read(STDIN_FILENO, &c, 1) == 1 && c != '\n' && c != '\r') {
      line.push_back(c);
    }
    return std::string(absl::StripAsciiWhitespace(line));
  }
};

struct Tally {
  int approved = 0, rejected = 0, unsure = 0, skipped = 0;
};

std::vector<std::string> EntityTypes(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& only,
    std::ostream& err, bool* ok) {
  *ok = true;
  if (!only.empty()) return {only};
  auto schema = v1::SchemaService::NewStub(channel);
  v1::ListEntityTypesResponse response;
  grpc::Status status = schema->ListEntityTypes(
      NewContext().get(), v1::ListEntityTypesRequest(), &response);
  if (!status.ok()) {
    *ok = false;
    Fail(err, "review", status);
    return {};
  }
  std::vector<std::string> types;
  for (const auto& type : response.entity_types()) types.push_back(type.name());
  return types;
}

}  // namespace

int RunReview(const std::shared_ptr<grpc::Channel>& channel,
              const CommonOptions& common, const std::string& entity_type) {
  std::ostream& out = std::cout;
  std::ostream& err = std::cerr;
  if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
    err << "mdmctl review: needs a terminal. In scripts use `mdmctl "
           "candidates list`, `candidates show A B` and `candidates "
           "approve|reject|unsure A B`.\n";
    return kExitUsage;
  }
  bool ok = true;
  const std::vector<std::string> types =
      EntityTypes(channel, entity_type, err, &ok);
  if (!ok) return kExitServer;
  auto stub = v1::StewardService::NewStub(channel);
  RawKeys keys;
  Tally tally;
  bool quit = false;
  for (const std::string& type : types) {
    // Skipped pairs stay in the queue; the page token moves past them.
    std::string token;
    int position = 0;
    while (!quit) {
      v1::ListCandidatesRequest list;
      list.set_entity_type(type);
      list.set_page_size(50);
      list.set_page_token(token);
      v1::ListCandidatesResponse page;
      grpc::Status status =
          stub->ListCandidates(NewContext(common).get(), list, &page);
      if (!status.ok()) return Fail(err, "review", status);
      if (page.candidates().empty()) break;
      const bool more = !page.next_page_token().empty();
      for (int i = 0; i < page.candidates_size() && !quit; ++i) {
        const v1::ReviewCandidate& c = page.candidates(i);
        ++position;
        v1::GetCandidateRequest get;
        get.mutable_a()->set_entity_type(type);
        *get.mutable_a()->mutable_key() = c.a();
        get.mutable_b()->set_entity_type(type);
        *get.mutable_b()->mutable_key() = c.b();
        v1::GetCandidateResponse detail;
        status = stub->GetCandidate(NewContext(common).get(), get, &detail);
        if (!status.ok()) return Fail(err, "review", status);
        out << kClearScreen << "Review " << type << ": pair " << position
            << " of " << (position - i - 1 + page.candidates_size())
            << (more ? "+" : "") << "   approved " << tally.approved
            << ", rejected " << tally.rejected << ", unsure " << tally.unsure
            << ", skipped " << tally.skipped << "\n\n";
        PrintCandidate(detail, /*color=*/true, out);
        out << "\n[a]pprove  [r]eject  [u]nsure  [s]kip  [q]uit > "
            << std::flush;
        char key = 0;
        while (true) {
          key = keys.Key();
          if (key == 0) key = 'q';  // end of input
          if (std::string("arusq").find(key) != std::string::npos) break;
        }
        out << key << "\n";
        if (key == 'q') {
          quit = true;
          break;
        }
        if (key == 's') {
          ++tally.skipped;
          continue;
        }
        out << "reason (Enter for none): " << std::flush;
        v1::DecideRequest decide;
        *decide.mutable_a() = get.a();
        *decide.mutable_b() = get.b();
        decide.set_decision(key == 'a'   ? v1::APPROVE
                            : key == 'r' ? v1::REJECT
                                         : v1::UNSURE_DECISION);
        decide.set_reason(keys.Line());
        v1::StewardOutcome outcome;
        status = stub->Decide(NewContext(common).get(), decide, &outcome);
        if (!status.ok()) {
          Fail(err, "review", status);
          out << "(not recorded; press any key)" << std::flush;
          keys.Key();
          ++tally.skipped;
          continue;
        }
        if (key == 'a') ++tally.approved;
        if (key == 'r') ++tally.rejected;
        if (key == 'u') ++tally.unsure;
      }
      if (!more) break;
      token = page.next_page_token();
    }
    if (quit) break;
  }
  out << kClearScreen << (quit ? "Stopped" : "Queue done") << ": approved "
      << tally.approved << ", rejected " << tally.rejected << ", unsure "
      << tally.unsure << ", skipped " << tally.skipped << "\n";
  return 0;
}

}  // namespace mdm::cli
