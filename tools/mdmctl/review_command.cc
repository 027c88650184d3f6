#include "tools/mdmctl/review_command.h"

#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <deque>
#include <iostream>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "mdm/v1/schema.grpc.pb.h"
#include "mdm/v1/stewardship.grpc.pb.h"
#include "tools/mdmctl/candidate_view.h"
#include "tools/mdmctl/exit_codes.h"
#include "tools/mdmctl/rpc_util.h"
#include "tools/mdmctl/terminal_text.h"

namespace mdm::cli {
namespace {

constexpr char kClearScreen[] = "\033[H\033[2J";
constexpr char kEscape = '\033';
// Keys of an escape sequence (an arrow, a function key) follow their ESC
// within this time; a lone ESC is the Esc key.
constexpr int kSequenceMillis = 30;
// Lines around the pair: the tally, a notice, the prompt, the reason.
constexpr size_t kFrameLines = 4;

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

struct TerminalSize {
  size_t columns = 80;
  size_t lines = 24;
};

// The terminal's size now (it may change between pairs); 80x24 when the
// terminal does not say.
TerminalSize SizeOfTerminal() {
  TerminalSize size;
  struct winsize ws {};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 &&
      ws.ws_row > 0) {
    size.columns = ws.ws_col;
    size.lines = ws.ws_row;
  }
  return size;
}

// Keys without Enter and without echo while reading; Ctrl-C still
// interrupts.
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

  // The next key; kEscape for Esc and for any escape sequence (whose other
  // bytes are consumed); 0 at end of input.
  char Key() {
    Raw();
    char key = Read();
    if (key == kEscape) SkipSequence();
    RestoreTerminal();
    return key;
  }

  // A line typed with echo to `echo`: Backspace deletes a character, Ctrl-U
  // the line, Enter ends it. Empty when Esc cancels it or input ends.
  std::optional<std::string> Line(std::ostream& echo) {
    Raw();
    std::string line;
    std::optional<std::string> typed;
    while (true) {
      const char c = Read();
      if (c == 0 || c == 0x04) break;  // end of input, Ctrl-D
      if (c == '\r' || c == '\n') {
        typed = std::string(absl::StripAsciiWhitespace(line));
        break;
      }
      if (c == kEscape) {
        if (SkipSequence()) continue;  // an arrow key, say: ignored
        break;                         // Esc: cancel
      }
      if (c == 0x7f || c == 0x08) {
        Erase(line, 1, echo);
      } else if (c == 0x15) {
        Erase(line, line.size(), echo);
      } else if (static_cast<unsigned char>(c) >= 0x20) {
        line.push_back(c);
        echo << c;
      }
      echo << std::flush;
    }
    RestoreTerminal();
    echo << "\n" << std::flush;
    return typed;
  }

 private:
  static void Raw() {
    struct termios raw = saved_terminal;
    raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(STDIN_FILENO, TCSANOW, &raw);
  }

  static char Read() {
    char c = 0;
    return read(STDIN_FILENO, &c, 1) == 1 ? c : 0;
  }

  static bool Pending() {
    struct pollfd fd = {.fd = STDIN_FILENO, .events = POLLIN, .revents = 0};
    return poll(&fd, 1, kSequenceMillis) > 0;
  }

  // After an ESC: consumes the rest of an escape sequence; false when none
  // follows (the Esc key itself).
  static bool SkipSequence() {
    if (!Pending()) return false;
    const char kind = Read();
    if (kind == '[') {  // CSI: parameters, then a final byte @..~
      while (Pending()) {
        const char c = Read();
        if (c >= 0x40 && c <= 0x7e) break;
      }
    } else if (kind == 'O' && Pending()) {  // SS3: one more byte
      Read();
    }
    return true;
  }

  // Removes the last `count` characters (code points) of `line` from it and
  // from the screen.
  static void Erase(std::string& line, size_t count, std::ostream& echo) {
    for (; count > 0 && !line.empty(); --count) {
      size_t start = line.size() - 1;
      while (start > 0 &&
             (static_cast<unsigned char>(line[start]) & 0xC0) == 0x80) {
        --start;
      }
      const size_t columns = DisplayWidth(line.substr(start));
      line.erase(start);
      for (size_t i = 0; i < columns; ++i) echo << "\b \b";
    }
  }
};

struct Tally {
  int approved = 0, rejected = 0, unsure = 0, skipped = 0;

  int& Of(char key) {
    return key == 'a' ? approved : key == 'r' ? rejected : unsure;
  }
  std::string Text() const {
    return absl::StrCat("approved ", approved, ", rejected ", rejected,
                        ", unsure ", unsure, ", skipped ", skipped);
  }
};

// A decision made in this session, which `z` can undo.
struct Decided {
  v1::ReviewCandidate pair;
  char key = 0;
  int64_t audit_sequence = 0;
};

const char* ActionOf(char key) {
  return key == 'a' ? "approve" : key == 'r' ? "reject" : "unsure";
}

// The entity types to review into `types`: `only`, or every type the server
// has. Returns 0, or the exit code for the failed call after reporting it.
int EntityTypes(const std::shared_ptr<grpc::Channel>& channel,
                const CommonOptions& common, const std::string& only,
                std::ostream& err, std::vector<std::string>& types) {
  if (!only.empty()) {
    types = {only};
    return kExitOk;
  }
  auto schema = v1::SchemaService::NewStub(channel);
  v1::ListEntityTypesResponse response;
  grpc::Status status = schema->ListEntityTypes(
      NewContext(common).get(), v1::ListEntityTypesRequest(), &response);
  if (!status.ok()) return Fail(err, "review", status);
  for (const auto& type : response.entity_types()) types.push_back(type.name());
  return kExitOk;
}

v1::RecordRef RefOf(const std::string& type, const v1::SourceKey& key) {
  v1::RecordRef ref;
  ref.set_entity_type(type);
  *ref.mutable_key() = key;
  return ref;
}

}  // namespace

int RunReview(const std::shared_ptr<grpc::Channel>& channel,
              const CommonOptions& common, const std::string& entity_type) {
  std::ostream& out = std::cout;
  std::ostream& err = std::cerr;
  if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
    err << "mdmctl review: needs a terminal. In scripts use `mdmctl "
           "candidates list`, `candidates show A B`, `candidates "
           "approve|reject|unsure A B` and `candidates undo N`.\n";
    return kExitUsage;
  }
  std::vector<std::string> types;
  if (int code = EntityTypes(channel, common, entity_type, err, types);
      code != kExitOk) {
    return code;
  }
  auto stub = v1::StewardService::NewStub(channel);
  RawKeys keys;
  Tally tally;
  std::vector<Decided> decided;
  // Pairs whose decision was undone: shown again next, before the queue.
  std::deque<v1::ReviewCandidate> again;
  std::string notice;  // one line above the next pair
  bool quit = false;
  for (const std::string& type : types) {
    // Skipped pairs stay in the queue; the page token moves past them.
    std::string token;
    bool more = true;
    std::deque<v1::ReviewCandidate> queue;
    int handled = 0;  // pairs of this type decided or skipped
    while (!quit) {
      if (again.empty() && queue.empty()) {
        if (!more) break;
        v1::ListCandidatesRequest list;
        list.set_entity_type(type);
        list.set_page_size(50);
        list.set_page_token(token);
        v1::ListCandidatesResponse page;
        grpc::Status status =
            stub->ListCandidates(NewContext(common).get(), list, &page);
        if (!status.ok()) return Fail(err, "review", status);
        queue.assign(page.candidates().begin(), page.candidates().end());
        token = page.next_page_token();
        more = !token.empty();
        continue;
      }
      const bool from_again = !again.empty();
      std::deque<v1::ReviewCandidate>& source = from_again ? again : queue;
      const v1::ReviewCandidate c = source.front();
      source.pop_front();
      auto show_again = [&] { source.push_front(c); };
      const std::string pair_type =
          c.entity_type().empty() ? type : c.entity_type();
      v1::GetCandidateRequest get;
      *get.mutable_a() = RefOf(pair_type, c.a());
      *get.mutable_b() = RefOf(pair_type, c.b());
      v1::GetCandidateResponse detail;
      grpc::Status status =
          stub->GetCandidate(NewContext(common).get(), get, &detail);
      if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
        notice = absl::StrCat("skipped ", Key(c.a()), " ", Key(c.b()), ": ",
                              TerminalSafe(status.error_message()));
        continue;  // a record was deleted meanwhile
      }
      if (!status.ok()) return Fail(err, "review", status);

      const TerminalSize size = SizeOfTerminal();
      const size_t left = queue.size() + again.size();
      out << kClearScreen
          << FitToWidth(absl::StrCat("Review ", type, ": pair ", handled + 1,
                                     " of ", handled + 1 + left,
                                     more ? "+" : "", "   ", tally.Text()),
                        size.columns)
          << "\n"
          << FitToWidth(notice, size.columns) << "\n";
      notice.clear();
      const size_t room =
          size.lines > kFrameLines ? size.lines - kFrameLines : 1;
      for (const std::string& line : CandidateLines(
               detail,
               {.color = true, .width = size.columns, .height = room})) {
        out << line << "\n";
      }
      out << FitToWidth(
                 "[a]pprove  [r]eject  [u]nsure  [s]kip  [z] undo  [q]uit > ",
                 size.columns)
          << std::flush;
      char key = 0;
      while (true) {
        key = keys.Key();
        if (key == 0) key = 'q';  // end of input
        if (std::string("aruszq").find(key) != std::string::npos) break;
      }
      out << key << "\n";
      if (key == 'q') {
        quit = true;
        break;
      }
      if (key == 's') {
        ++tally.skipped;
        ++handled;
        continue;
      }
      if (key == 'z') {
        show_again();
        if (decided.empty()) {
          notice = "nothing to undo in this session";
          continue;
        }
        const Decided last = decided.back();
        v1::UndoDecisionRequest undo;
        undo.set_audit_sequence(last.audit_sequence);
        v1::StewardOutcome outcome;
        status = stub->UndoDecision(NewContext(common).get(), undo, &outcome);
        if (!status.ok()) {
          notice = absl::StrCat("undo failed: ",
                                TerminalSafe(status.error_message()));
          continue;
        }
        decided.pop_back();
        --tally.Of(last.key);
        if (handled > 0) --handled;
        again.push_front(last.pair);
        notice = absl::StrCat("undone: ", ActionOf(last.key), " of ",
                              Key(last.pair.a()), " ", Key(last.pair.b()),
                              " (audit ", outcome.audit_sequence(), ")");
        continue;
      }
      out << "reason (Enter for none, Esc to cancel): " << std::flush;
      const std::optional<std::string> reason = keys.Line(out);
      if (!reason.has_value()) {
        show_again();
        notice = absl::StrCat(ActionOf(key), " cancelled; nothing recorded");
        continue;
      }
      v1::DecideRequest decide;
      *decide.mutable_a() = get.a();
      *decide.mutable_b() = get.b();
      decide.set_decision(key == 'a'   ? v1::APPROVE
                          : key == 'r' ? v1::REJECT
                                       : v1::UNSURE_DECISION);
      decide.set_reason(*reason);
      v1::StewardOutcome outcome;
      status = stub->Decide(NewContext(common).get(), decide, &outcome);
      if (!status.ok()) {
        Fail(err, "review", status);
        out << "(not recorded; press any key)" << std::flush;
        keys.Key();
        ++tally.skipped;
        ++handled;
        continue;
      }
      ++tally.Of(key);
      ++handled;
      decided.push_back(
          {.pair = c, .key = key, .audit_sequence = outcome.audit_sequence()});
    }
    if (quit) break;
  }
  out << kClearScreen << (quit ? "Stopped" : "Queue done") << ": "
      << tally.Text() << "\n";
  return kExitOk;
}

}  // namespace mdm::cli
