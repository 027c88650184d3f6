// mdmd: the mdm service.
//
//   mdmd [--listen=HOST:PORT] [--db=FILE] [--config=FILE] [--sync=full|normal]
//
// Opens (creating and migrating as needed) the SQLite database, loads the
// configuration (built-in unless --config is given), and serves gRPC until
// SIGINT or SIGTERM, then drains running calls and exits 0. Logs one line
// starting "ready" when it accepts calls.
#include <signal.h>

#include <filesystem>
#include <iostream>
#include <thread>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "src/base/clock.h"
#include "src/base/log.h"
#include "src/config/config_loader.h"
#include "src/engine/engine.h"
#include "src/server/server.h"
#include "storage/sqlite/sqlite_store.h"

namespace mdm {
namespace {

struct Flags {
  std::string listen = "127.0.0.1:50051";
  std::string db = "var/mdm.db";
  std::string config;
  std::string sync = "full";
  int prepare_threads = 2;
};

absl::Status Run(const Flags& flags) {
  absl::StatusOr<v1::MdmConfig> config =
      flags.config.empty() ? DefaultConfig() : LoadConfigFile(flags.config);
  if (!config.ok()) return config.status();

  // Signals are taken by a dedicated thread; block them everywhere else,
  // before any other thread (the engine's, gRPC's) is started.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

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
  storage::SqliteOptions store_options{.path = flags.db};
  store_options.sync = flags.sync == "normal" ? storage::SqliteSync::kNormal
                                              : storage::SqliteSync::kFull;
  absl::StatusOr<std::unique_ptr<storage::Store>> store =
      storage::OpenSqliteStore(store_options);
  if (!store.ok()) return store.status();
  absl::StatusOr<std::unique_ptr<engine::Engine>> engine =
      engine::Engine::Create(store->get(), *config, Clock::Real(),
                             {.prepare_threads = flags.prepare_threads});
  if (!engine.ok()) return engine.status();

  absl::StatusOr<std::unique_ptr<server::MdmServer>> server =
      server::MdmServer::Start(engine->get(), {.address = flags.listen});
  if (!server.ok()) return server.status();
  const std::string host = flags.listen.substr(0, flags.listen.rfind(':'));
  LogInfo(absl::StrCat("ready: mdmd serving mdm.v1 on ", host, ":",
                       (*server)->port(), " (database ", flags.db,
                       ", configuration ",
                       flags.config.empty() ? "built-in" : flags.config,
                       ", schema version ", (*store)->schema_version(), ")"));

  std::thread signal_waiter([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    LogInfo(absl::StrCat("received signal ", signal, "; draining calls"));
    (*server)->Shutdown(absl::Seconds(10));
  });
  (*server)->Wait();
  signal_waiter.join();
  LogInfo("stopped");
  return absl::OkStatus();
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
  app.add_option("--prepare-threads", flags.prepare_threads,
                 "threads that validate and standardize incoming records "
                 "while one writer applies them")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  absl::Status status = mdm::Run(flags);
  if (!status.ok()) {
    mdm::LogError(absl::StrCat("mdmd: ", status.ToString()));
    return 1;
  }
  return 0;
}
