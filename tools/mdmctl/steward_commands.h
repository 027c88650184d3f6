// The mdmctl subcommands for data stewards: the review queue (candidates
// list|show|approve|reject|unsure), manual merge, split and move, and the
// audit log. Exit codes as in commands.h. Every action is sent with the
// caller's identity (CommonOptions::actor) for the audit log.
//
//   mdmctl candidates list --type=person --limit=20
//   mdmctl candidates show crm:C-1 erp:E-7
//   mdmctl --actor=ann candidates reject crm:C-1 erp:E-7 --reason="siblings"
//   mdmctl merge PER-000001Y PER-000002W --reason="same customer"
//   mdmctl split PER-000001Y crm:C-9 --reason="another person"
//   mdmctl move crm:C-9 PER-000005P --reason="belongs there"
//   mdmctl audit --golden=PER-000001Y
#ifndef MDM_TOOLS_MDMCTL_STEWARD_COMMANDS_H_
#define MDM_TOOLS_MDMCTL_STEWARD_COMMANDS_H_

#include <grpcpp/channel.h>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "tools/mdmctl/commands.h"

namespace mdm::cli {

struct CandidateListOptions {
  std::string entity_type;
  double min_probability = 0;
  double max_probability = 1;
  std::string source;
  int limit = 50;
  bool unsure = false;
};

int RunCandidatesList(const std::shared_ptr<grpc::Channel>& channel,
                      const CommonOptions& common,
                      const CandidateListOptions& options, std::ostream& out,
                      std::ostream& err);

// candidates show A B: both records side by side (differing values marked),
// their golden records and the explanation.
int RunCandidatesShow(const std::shared_ptr<grpc::Channel>& channel,
                      const CommonOptions& common, const std::string& a,
                      const std::string& b, const std::string& entity_type,
                      std::ostream& out, std::ostream& err);

// candidates approve|reject|unsure A B [--reason]. `decision` is one of
// "approve", "reject", "unsure".
int RunCandidatesDecide(const std::shared_ptr<grpc::Channel>& channel,
                        const CommonOptions& common,
                        const std::string& decision, const std::string& a,
                        const std::string& b, const std::string& entity_type,
                        const std::string& reason, std::ostream& out,
                        std::ostream& err);

// candidates undo AUDIT_SEQUENCE [--reason]: reverts the decision with that
// audit entry (printed by approve, reject and unsure as "(audit N)").
int RunCandidatesUndo(const std::shared_ptr<grpc::Channel>& channel,
                      const CommonOptions& common, int64_t audit_sequence,
                      const std::string& reason, std::ostream& out,
                      std::ostream& err);

int RunMerge(const std::shared_ptr<grpc::Channel>& channel,
             const CommonOptions& common, const std::string& golden_id,
             const std::string& other_golden_id, const std::string& reason,
             std::ostream& out, std::ostream& err);

int RunSplit(const std::shared_ptr<grpc::Channel>& channel,
             const CommonOptions& common, const std::string& golden_id,
             const std::vector<std::string>& records, const std::string& reason,
             std::ostream& out, std::ostream& err);

int RunMove(const std::shared_ptr<grpc::Channel>& channel,
            const CommonOptions& common, const std::string& record,
            const std::string& to_golden_id, const std::string& entity_type,
            const std::string& reason, std::ostream& out, std::ostream& err);

struct AuditOptions {
  std::string golden_id;
  std::string actor;
  std::string since;  // RFC 3339 or a date
  int limit = 1000;
};

int RunAudit(const std::shared_ptr<grpc::Channel>& channel,
             const CommonOptions& common, const AuditOptions& options,
             std::ostream& out, std::ostream& err);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_STEWARD_COMMANDS_H_
