// The mdm gRPC server: every service, health checking and reflection on one
// port.
//
//   MDM_ASSIGN_OR_RETURN(std::unique_ptr<MdmServer> server,
//                        MdmServer::Start(engine.get(), {.address =
//                        "127.0.0.1:0"}));
//   int port = server->port();       // the port actually bound
//   server->Shutdown(absl::Seconds(5));
//
// The Engine must outlive the server. Thread-safe.
#ifndef MDM_SRC_SERVER_SERVER_H_
#define MDM_SRC_SERVER_SERVER_H_

#include <grpcpp/server.h>

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "src/base/clock.h"
#include "src/engine/engine.h"
#include "src/server/access_control.h"
#include "src/server/admin_service.h"
#include "src/server/admission.h"
#include "src/server/change_feed_service.h"
#include "src/server/match_service.h"
#include "src/server/record_service.h"
#include "src/server/schema_service.h"
#include "src/server/steward_service.h"
#include "src/server/token_table.h"

namespace mdm::server {

// PEM texts for TLS on the listening port.
struct TlsOptions {
  std::string certificate_chain;
  std::string private_key;
  // CA certificates a client certificate must chain to. Empty: clients are
  // not asked for certificates; otherwise every client must present a valid
  // one (mutual TLS).
  std::string client_ca;
};

struct ServerOptions {
  // HOST:PORT; port 0 picks a free port.
  std::string address = "127.0.0.1:50051";
  // Absent: plaintext.
  std::optional<TlsOptions> tls;
  // The bearer tokens accepted (token_table.h). Null: every call is allowed
  // (access_control.h); the caller decides when that is safe.
  std::shared_ptr<const TokenTable> tokens;
  // Largest request or response message, in bytes.
  int max_message_bytes = 16 * 1024 * 1024;
  // Threads that wait for calls to the synchronous methods. gRPC creates
  // and ends handler threads as load varies; a floor of 4 and a ceiling of
  // 64 keeps resolve's tail at 20,000 calls/s low (see docs/benchmarks.md).
  int min_pollers = 4;
  int max_pollers = 64;
  // Threads gRPC may run handlers on; a call that finds none free is
  // answered RESOURCE_EXHAUSTED at once.
  int max_threads = 512;
  AdmissionLimits admission;
  RecordServiceOptions records;
  ChangeFeedOptions change_feed;
  AdminServiceOptions admin;
  // Decides token expiry; must outlive the server.
  Clock* clock = Clock::Real();
};

class MdmServer {
 public:
  // Binds and starts serving. Unavailable if the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<MdmServer>> Start(
      engine::Engine* engine, const ServerOptions& options);
  ~MdmServer();

  int port() const { return port_; }

  // Stops accepting calls; ends open streams after the transaction each is
  // in (an upsert stream reports the records it did not apply, a watch the
  // sequence to resume after); lets other running calls finish until `grace`
  // has passed, then cancels the rest. Idempotent.
  void Shutdown(absl::Duration grace);

  // Accepts these tokens from now on (e.g. after the tokens file changed).
  // Null turns checking off.
  void ReplaceTokens(std::shared_ptr<const TokenTable> tokens);

  // Blocks until the server has shut down.
  void Wait();

 private:
  MdmServer(engine::Engine* engine, const ServerOptions& options);

  AccessControl access_;
  Admission admission_;
  RecordService records_;
  ChangeFeedService change_feed_;
  SchemaService schema_;
  MatchService matching_;
  StewardService steward_;
  AdminService admin_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace mdm::server

#endif  // MDM_SRC_SERVER_SERVER_H_
