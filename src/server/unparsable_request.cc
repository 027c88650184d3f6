#include "src/server/unparsable_request.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace mdm::server {
namespace {

using grpc::experimental::InterceptionHookPoints;

class UnparsableRequest : public grpc::experimental::Interceptor {
 public:
  explicit UnparsableRequest(const char* method) : method_(method) {}

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status status = methods->GetSendStatus();
      if (status.error_code() == grpc::StatusCode::INTERNAL &&
          status.error_message().empty()) {
        methods->ModifySendStatus(grpc::Status(
            grpc::StatusCode::INVALID_ARGUMENT,
            absl::StrCat("the request to ", method_,
                         " is not a valid message of its type (is a string "
                         "field invalid UTF-8?)")));
      }
    }
    methods->Proceed();
  }

 private:
  const char* method_;
};

}  // namespace

grpc::experimental::Interceptor*
UnparsableRequestFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new UnparsableRequest(info->method());
}

}  // namespace mdm::server
