// mdmctl review: walks the review queue one pair at a time in a terminal.
//
//   mdmctl --actor=ann review --type=person
//
// Each pair is shown side by side (differing values highlighted) with its
// explanation; single keys decide: a approve, r reject, u unsure, s skip,
// z undo, q quit. After a, r or u a reason may be typed (Enter for none,
// Esc cancels the decision). z undoes the session's last decision that is
// not undone yet (UndoDecision, audited) and shows its pair again. The view
// fits the terminal (80x24 when it does not say): long values are cut with
// "…" and rows that do not fit are counted, never wrapped; values are shown
// escaped, so source data cannot redraw the screen. Works in any terminal
// that understands ANSI colors, including tmux. Without a terminal on stdin
// and stdout it refuses (exit 2) and points to the scriptable
// `mdmctl candidates` subcommands.
#ifndef MDM_TOOLS_MDMCTL_REVIEW_COMMAND_H_
#define MDM_TOOLS_MDMCTL_REVIEW_COMMAND_H_

#include <grpcpp/channel.h>

#include <memory>
#include <string>

#include "tools/mdmctl/commands.h"

namespace mdm::cli {

// Walks the queue of `entity_type` (every type when empty). Returns the exit
// code (exit_codes.h): 0 after the queue or `q`, 2 without a terminal, and
// for a call that fails before the first pair, the code for its cause.
int RunReview(const std::shared_ptr<grpc::Channel>& channel,
              const CommonOptions& common, const std::string& entity_type);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_REVIEW_COMMAND_H_
