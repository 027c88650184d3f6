// gRPC handlers of mdm.v1.ChangeFeedService.
//
// WatchChanges sends past events, then waits for commits and sends new ones,
// until the client cancels or the server shuts down. Each watch holds one
// gRPC thread. The Engine, AccessControl and Admission must outlive the
// service.
#ifndef MDM_SRC_SERVER_CHANGE_FEED_SERVICE_H_
#define MDM_SRC_SERVER_CHANGE_FEED_SERVICE_H_

#include "absl/time/time.h"
#include "mdm/v1/changes.grpc.pb.h"
#include "src/engine/engine.h"
#include "src/server/access_control.h"
#include "src/server/admission.h"

namespace mdm::server {

struct ChangeFeedOptions {
  int default_page_size = 1000;
  int max_page_size = 10000;
  // How often an idle watch checks whether its client has gone.
  absl::Duration idle_poll = absl::Milliseconds(500);
};

class ChangeFeedService final : public v1::ChangeFeedService::Service {
 public:
  ChangeFeedService(engine::Engine* engine, const AccessControl* access,
                    Admission* admission, ChangeFeedOptions options = {})
      : engine_(engine),
        access_(access),
        admission_(admission),
        options_(options) {}

  grpc::Status ListChanges(grpc::ServerContext* context,
                           const v1::ListChangesRequest* request,
                           v1::ListChangesResponse* response) override;
  grpc::Status WatchChanges(
      grpc::ServerContext* context, const v1::WatchChangesRequest* request,
      grpc::ServerWriter<v1::ChangeEvent>* writer) override;

 private:
  engine::Engine* const engine_;
  const AccessControl* const access_;
  Admission* const admission_;
  const ChangeFeedOptions options_;
};

}  // namespace mdm::server

#endif  // MDM_SRC_SERVER_CHANGE_FEED_SERVICE_H_
