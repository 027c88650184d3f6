// mdmd: the mdm service.
//
//   mdmd [--listen=HOST:PORT] [--db=FILE] [--config=FILE] [--sync=full|normal]
//        [--checkpoints=commit|background]
//        [--tokens=FILE] [--tls-cert=PEM --tls-key=PEM [--tls-client-ca=PEM]]
//        [--insecure] [limits...]
//   mdmd --verify=FILE [--config=FILE]
//
// Opens (creating and migrating as needed) the SQLite database, loads the
// configuration (built-in unless --config is given), and serves gRPC. Logs
// one line starting "ready" when it accepts calls.
//
// Access: with --tokens every call needs a bearer token holding the call's
// role; without, every call is allowed, so mdmd then listens on loopback
// only unless --insecure is given. A non-loopback address with tokens also
// needs TLS (or --insecure), since tokens would otherwise cross the network
// in clear text. SIGHUP re-reads the tokens file.
//
// SIGINT or SIGTERM: stop accepting calls, end open streams after their
// current transaction, let other calls finish (10 s at most), checkpoint
// the WAL into the database file and exit 0. Before "ready" nothing has
// been accepted, so the signal ends mdmd at once, also with 0.
//
// One mdmd writes a database at a time: a second one started on a database
// another serves is refused at start, naming the first one's pid, unless
// the first exits within --lock-wait.
//
// --verify checks every invariant of a database (docs/operations.md), prints
// the report and exits 0 when all hold, 1 when any is broken, 2 when the
// database cannot be read. It reads without the lock, also beside a live
// server.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <limits>
#include <thread>

#include "CLI/CLI.hpp"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "src/base/clock.h"
#include "src/base/file.h"
#include "src/base/log.h"
#include "src/config/config_loader.h"
#include "src/engine/engine.h"
#include "src/engine/invariant_checker.h"
#include "src/server/server.h"
#include "storage/sqlite/sqlite_store.h"

namespace mdm {
namespace {

struct Flags {
  std::string listen = "127.0.0.1:50051";
  std::string db = "var/mdm.db";
  std::string config;
  std::string sync = "full";
  std::string checkpoints = "commit";
  int prepare_threads = 2;
  double max_write_wait = 30;
  double lock_wait = 0;
  int64_t max_db_bytes = 0;
  std::string tokens;
  std::string tls_cert;
  std::string tls_key;
  std::string tls_client_ca;
  bool insecure = false;
  std::string verify;
  server::ServerOptions server;
  engine::RecordLimits limits;
};

// True for 127.0.0.0/8, ::1 and localhost.
bool IsLoopback(absl::string_view address) {
  absl::string_view host = address.substr(0, address.rfind(':'));
  return absl::StartsWith(host, "127.") || host == "localhost" ||
         host == "[::1]" || host == "::1";
}

absl::StatusOr<v1::MdmConfig> LoadConfig(const Flags& flags) {
  return flags.config.empty() ? DefaultConfig() : LoadConfigFile(flags.config);
}

// Fills in the TLS and token parts of the server options, and refuses an
// address that would expose the service without them.
absl::Status ConfigureAccess(Flags& flags) {
  if (flags.tls_cert.empty() != flags.tls_key.empty()) {
    return absl::InvalidArgumentError("--tls-cert and --tls-key go together");
  }
  if (!flags.tls_client_ca.empty() && flags.tls_cert.empty()) {
    return absl::InvalidArgumentError(
        "--tls-client-ca needs --tls-cert and --tls-key");
  }
  if (!flags.tls_cert.empty()) {
    server::TlsOptions tls;
    absl::StatusOr<std::string> text =
        ReadFileToString(flags.tls_cert, "TLS certificate");
    if (!text.ok()) return text.status();
    tls.certificate_chain = *std::move(text);
    text = ReadFileToString(flags.tls_key, "TLS private key");
    if (!text.ok()) return text.status();
    tls.private_key = *std::move(text);
    if (!flags.tls_client_ca.empty()) {
      text = ReadFileToString(flags.tls_client_ca, "client CA certificates");
      if (!text.ok()) return text.status();
      tls.client_ca = *std::move(text);
    }
    flags.server.tls = std::move(tls);
  }
  if (!flags.tokens.empty()) {
    absl::StatusOr<server::TokenTable> tokens =
        server::LoadTokenFile(flags.tokens);
    if (!tokens.ok()) return tokens.status();
    flags.server.tokens =
        std::make_shared<const server::TokenTable>(*std::move(tokens));
  }
  if (IsLoopback(flags.listen) || flags.insecure) return absl::OkStatus();
  if (flags.tokens.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "refusing to serve ", flags.listen,
        " without authentication: give --tokens (with --tls-cert and "
        "--tls-key), listen on loopback, or pass --insecure"));
  }
  if (!flags.server.tls.has_value()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "refusing to serve ", flags.listen,
        " without TLS: bearer tokens would cross the network in clear text; "
        "give --tls-cert and --tls-key, or pass --insecure"));
  }
  return absl::OkStatus();
}

std::string DescribeAccess(const Flags& flags) {
  std::string access = flags.server.tokens == nullptr
                           ? "no authentication (every call allowed)"
                           : absl::StrCat(flags.server.tokens->size(),
                                          " tokens from ", flags.tokens);
  absl::StrAppend(&access, ", ",
                  !flags.server.tls.has_value()         ? "plaintext"
                  : flags.server.tls->client_ca.empty() ? "TLS"
                                                        : "mutual TLS");
  return access;
}

// Signals are taken by one thread. Before the server exists a stop signal
// ends the process at once (nothing has been accepted, and SQLite recovers
// any interrupted start-up write); afterwards it shuts the server down.
class SignalHandler {
 public:
  SignalHandler() {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    sigaddset(&signals_, SIGHUP);
    // Before any other thread starts, so that all inherit the mask.
    pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
  }

  // Starts waiting. `tokens_file` is re-read on SIGHUP when not empty.
  void Start(std::string tokens_file) {
    thread_ = std::thread([this, tokens_file] { Loop(tokens_file); });
  }

  // From now on a stop signal shuts `server` down.
  void Serving(server::MdmServer* server) {
    absl::MutexLock lock(&mu_);
    server_ = server;
  }

  void Join() { thread_.join(); }

 private:
  void Loop(const std::string& tokens_file) {
    while (true) {
      int signal = 0;
      sigwait(&signals_, &signal);
      absl::MutexLock lock(&mu_);
      if (signal == SIGHUP) {
        Reload(tokens_file);
        continue;
      }
      if (server_ == nullptr) {
        LogInfo(absl::StrCat("received signal ", signal,
                             " before serving; stopped"));
        std::_Exit(0);
      }
      LogInfo(absl::StrCat("received signal ", signal, "; draining calls"));
      server_->Shutdown(absl::Seconds(10));
      return;
    }
  }

  void Reload(const std::string& tokens_file)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (tokens_file.empty() || server_ == nullptr) return;
    absl::StatusOr<server::TokenTable> tokens =
        server::LoadTokenFile(tokens_file);
    if (!tokens.ok()) {
      LogError(absl::StrCat("SIGHUP: keeping the tokens in use: ",
                            tokens.status().ToString()));
      return;
    }
    LogInfo(
        absl::StrCat("SIGHUP: ", tokens->size(), " tokens from ", tokens_file));
    server_->ReplaceTokens(
        std::make_shared<const server::TokenTable>(*std::move(tokens)));
  }

  sigset_t signals_;
  std::thread thread_;
  absl::Mutex mu_;
  server::MdmServer* server_ ABSL_GUARDED_BY(mu_) = nullptr;
};

absl::Status Serve(Flags& flags) {
  // Never destroyed: after a failed start-up its thread still waits while
  // the process exits.
  static SignalHandler* const signals = new SignalHandler();
  signals->Start(flags.tokens);
  // From here a stop signal is handled (before this line, the default
  // action ends the process).
  LogInfo(absl::StrCat("starting: pid ", getpid(), ", database ", flags.db));
  if (absl::Status status = ConfigureAccess(flags); !status.ok()) {
    return status;
  }
  absl::StatusOr<v1::MdmConfig> config = LoadConfig(flags);
  if (!config.ok()) return config.status();

  const std::filesystem::path db_path(flags.db);
  if (db_path.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(db_path.parent_path(), error);
    if (error) {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot create directory ",
                       db_path.parent_path().string(), ": ", error.message()));
    }
  }
  storage::SqliteOptions store_options{
      .path = flags.db,
      .max_write_wait = absl::Seconds(flags.max_write_wait),
      .lock_wait = absl::Seconds(flags.lock_wait)};
  store_options.max_db_bytes = flags.max_db_bytes;
  store_options.sync = flags.sync == "normal" ? storage::SqliteSync::kNormal
                                              : storage::SqliteSync::kFull;
  store_options.background_checkpoints = flags.checkpoints == "background";
  absl::StatusOr<std::unique_ptr<storage::Store>> store =
      storage::OpenSqliteStore(store_options);
  if (!store.ok()) return store.status();
  absl::StatusOr<std::unique_ptr<engine::Engine>> engine =
      engine::Engine::Create(
          store->get(), *config, Clock::Real(),
          {.limits = flags.limits, .prepare_threads = flags.prepare_threads});
  if (!engine.ok()) return engine.status();

  flags.server.address = flags.listen;
  flags.server.admin.scratch_dir = db_path.has_parent_path()
                                       ? db_path.parent_path().string()
                                       : std::string(".");
  absl::StatusOr<std::unique_ptr<server::MdmServer>> server =
      server::MdmServer::Start(engine->get(), flags.server);
  if (!server.ok()) return server.status();
  signals->Serving(server->get());
  const std::string host = flags.listen.substr(0, flags.listen.rfind(':'));
  LogInfo(absl::StrCat(
      "ready: mdmd serving mdm.v1 on ", host, ":", (*server)->port(),
      " (database ", flags.db, ", configuration ",
      flags.config.empty() ? "built-in" : flags.config, ", schema version ",
      (*store)->schema_version(), "; ", DescribeAccess(flags), ")"));

  (*server)->Wait();
  signals->Join();
  server->reset();
  engine->reset();
  if (absl::Status checkpoint = (*store)->Checkpoint(); !checkpoint.ok()) {
    LogError(absl::StrCat("checkpoint at exit: ", checkpoint.ToString()));
  }
  LogInfo("stopped");
  return absl::OkStatus();
}

int Verify(const Flags& flags) {
  if (!std::filesystem::exists(flags.verify)) {
    std::cerr << "mdmd --verify: no database at " << flags.verify << "\n";
    return 2;
  }
  absl::StatusOr<v1::MdmConfig> config = LoadConfig(flags);
  if (!config.ok()) {
    std::cerr << "mdmd --verify: " << config.status() << "\n";
    return 2;
  }
  // Read-only and without the lock: the database may be live.
  absl::StatusOr<std::unique_ptr<storage::Store>> store =
      storage::OpenSqliteStore({.path = flags.verify, .read_only = true});
  // Offline, every core may help.
  const int threads =
      std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  absl::StatusOr<engine::InvariantReport> report =
      store.ok()
          ? engine::CheckInvariants(**store, *config, {.threads = threads})
          : absl::StatusOr<engine::InvariantReport>(store.status());
  if (!report.ok()) {
    std::cerr << "mdmd --verify: " << report.status() << "\n";
    return 2;
  }
  for (const engine::InvariantViolation& violation : report->violations) {
    std::cout << engine::FormatViolation(violation) << "\n";
  }
  std::cout << flags.verify << ": " << report->records << " records, "
            << report->live_goldens << " live golden records ("
            << report->goldens << " in all), " << report->changes
            << " changes, " << report->judgements << " judgements: "
            << (report->ok()
                    ? "every invariant holds"
                    : absl::StrCat(report->violation_count, " violations"))
            << "\n";
  return report->ok() ? 0 : 1;
}

}  // namespace
}  // namespace mdm

int main(int argc, char** argv) {
  // Abseil as packaged records every lock in a global graph to detect
  // lock-order cycles, which serializes all threads on one more lock. Tests
  // keep it; the server does not pay for it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  mdm::Flags flags;
  CLI::App app{"mdmd: master data management service"};
  app.add_option("--listen", flags.listen, "HOST:PORT to serve gRPC on")
      ->capture_default_str();
  app.add_option("--db", flags.db, "SQLite database file (created if missing)")
      ->capture_default_str();
  app.add_option("--config", flags.config,
                 "configuration file (text-format mdm.v1.MdmConfig); "
                 "default: built-in");
  app.add_option("--sync", flags.sync,
                 "full: a commit survives power loss; normal: it survives a "
                 "process crash")
      ->check(CLI::IsMember({"full", "normal"}))
      ->capture_default_str();
  app.add_option("--checkpoints", flags.checkpoints,
                 "where WAL checkpoints run: commit (inside the commit that "
                 "fills the WAL, as SQLite does by default) or background (a "
                 "thread of their own; measured slower with --sync=full)")
      ->check(CLI::IsMember({"background", "commit"}))
      ->capture_default_str();
  app.add_option("--prepare-threads", flags.prepare_threads,
                 "threads that validate and standardize incoming records "
                 "while one writer applies them")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--lock-wait", flags.lock_wait,
                 "seconds to wait for another mdmd to release the database "
                 "(a restart that overlaps the old process); 0 refuses at "
                 "once")
      ->check(CLI::Range(0.0, 86400.0))
      ->capture_default_str();
  app.add_option("--verify", flags.verify,
                 "check every invariant of this database, print the report "
                 "and exit (0: all hold, 1: violations, 2: unreadable)");

  app.add_option("--tokens", flags.tokens,
                 "tokens file (NAME sha256:DIGEST ROLES per line); every "
                 "call then needs a bearer token; re-read on SIGHUP");
  app.add_option("--tls-cert", flags.tls_cert,
                 "PEM certificate chain: serve TLS");
  app.add_option("--tls-key", flags.tls_key, "PEM private key for --tls-cert");
  app.add_option("--tls-client-ca", flags.tls_client_ca,
                 "PEM CA certificates: require client certificates signed "
                 "by them (mutual TLS)");
  app.add_flag("--insecure", flags.insecure,
               "allow a non-loopback address without tokens or TLS");

  app.add_option("--max-message-bytes", flags.server.max_message_bytes,
                 "largest request or response message")
      ->check(CLI::Range(4096, 1 << 30))
      ->capture_default_str();
  app.add_option("--max-record-bytes", flags.limits.max_record_bytes,
                 "largest record: all attribute names and values together")
      ->check(CLI::Range(256, 16 << 20))
      ->capture_default_str();
  app.add_option("--max-value-bytes", flags.limits.max_value_bytes,
                 "longest attribute value")
      ->check(CLI::Range(16, 16 << 20))
      ->capture_default_str();
  app.add_option("--max-attributes", flags.limits.max_attributes,
                 "most attributes in one record")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--max-batch-keys",
                 flags.server.records.max_batch_resolve_keys,
                 "most keys in one batch resolve")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  app.add_option("--max-streams", flags.server.admission.max_streams,
                 "streams open at once (upsert, watch, export, backup); "
                 "more get RESOURCE_EXHAUSTED")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--max-queued-writes",
                 flags.server.admission.max_queued_writes,
                 "unary writes waiting for the writer; more get UNAVAILABLE")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--max-write-wait", flags.max_write_wait,
                 "seconds a write waits for the writer before it fails with "
                 "UNAVAILABLE")
      ->check(CLI::Range(0.1, 86400.0))
      ->capture_default_str();
  app.add_option("--max-db-bytes", flags.max_db_bytes,
                 "largest the database file may grow to (0: no limit); "
                 "past it writes fail as on a full disk")
      ->check(CLI::Range(int64_t{0}, std::numeric_limits<int64_t>::max()))
      ->capture_default_str();
  app.add_option("--max-threads", flags.server.max_threads,
                 "threads running calls; a call finding none gets "
                 "RESOURCE_EXHAUSTED")
      ->check(CLI::Range(8, 100000))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (!flags.verify.empty()) return mdm::Verify(flags);
  absl::Status status = mdm::Serve(flags);
  if (!status.ok()) {
    mdm::LogError(absl::StrCat("mdmd: ", status.ToString()));
    return 1;
  }
  return 0;
}
