// mdmctl: the command-line client of mdmd (a gRPC client only).
//
//   mdmctl [--server=HOST:PORT] [--json] COMMAND ...
//   mdmctl import --type=person --source=crm --id-column=id people.csv
//   mdmctl resolve crm 42
//   mdmctl get PER-000001Y
//   mdmctl watch --from=1
//   mdmctl export xrefs --type=person > xrefs.csv
//   mdmctl explain crm:42 erp:A-7
//   mdmctl model train --type=person
//   mdmctl --actor=ann review --type=person
//   mdmctl audit --golden=PER-000001Y
//   mdmctl --tls-ca=ca.pem --token-file=~/.mdm/token admin backup mdm.db
//
// Run `mdmctl --help`, `mdmctl help COMMAND` or `mdmctl COMMAND --help` for
// every option; exit codes are in exit_codes.h.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "CLI/CLI.hpp"
#include "absl/time/clock.h"
#include "tools/mdmctl/admin_commands.h"
#include "tools/mdmctl/call_errors.h"
#include "tools/mdmctl/command_line.h"
#include "tools/mdmctl/commands.h"
#include "tools/mdmctl/connection.h"
#include "tools/mdmctl/exit_codes.h"
#include "tools/mdmctl/import_command.h"
#include "tools/mdmctl/review_command.h"
#include "tools/mdmctl/rpc_util.h"
#include "tools/mdmctl/steward_commands.h"

int main(int argc, char** argv) {
  using namespace mdm::cli;
  CLI::App app{"mdmctl: command-line client of the mdm service", "mdmctl"};
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", "mdmctl " MDM_VERSION);
  ConnectionOptions connection;
  CommonOptions common;
  app.add_option("--server", connection.server,
                 "mdmd address HOST:PORT (HOST alone: port 50051)")
      ->type_name("HOST:PORT")
      ->capture_default_str();
  app.add_option("--token-file", connection.token_file,
                 "file holding the bearer token (default: $MDM_TOKEN)")
      ->type_name("FILE");
  app.add_option("--tls-ca", connection.tls_ca,
                 "PEM CA certificates: connect with TLS, trusting these")
      ->type_name("PEM");
  app.add_option("--tls-cert", connection.tls_cert,
                 "PEM client certificate, for a server that asks for one")
      ->type_name("PEM");
  app.add_option("--tls-key", connection.tls_key, "PEM key of --tls-cert")
      ->type_name("PEM");
  app.add_option("--tls-server-name", connection.tls_server_name,
                 "name the server's certificate carries, when it is not the "
                 "host in --server")
      ->type_name("NAME");
  app.add_flag("--json", common.json,
               "print JSON instead of tables and text (every command)");
  if (const char* user = std::getenv("USER"); user != nullptr) {
    common.actor = user;
  }
  app.add_option("--actor", common.actor,
                 "who you are, for the audit log of steward actions "
                 "(default: $USER)")
      ->type_name("NAME");

  // import
  ImportOptions import;
  std::string format = "auto";
  auto* import_cmd = app.add_subcommand(
      "import", "load a CSV or JSON Lines file through the batch upsert");
  import_cmd->add_option("FILE", import.file, "CSV or JSON Lines file")
      ->required();
  import_cmd->add_option("--type", import.entity_type, "entity type")
      ->required();
  import_cmd->add_option("--source", import.source, "source system name")
      ->required();
  import_cmd
      ->add_option("--id-column", import.id_column,
                   "column holding the source's record id")
      ->capture_default_str();
  import_cmd
      ->add_option("--map", import.map,
                   "COLUMN=ATTRIBUTE renames, comma-separated")
      ->delimiter(',');
  import_cmd
      ->add_option("--ignore", import.ignore,
                   "columns to drop, comma-separated")
      ->delimiter(',');
  import_cmd->add_option("--rejects", import.rejects_path,
                         "file for rejected rows (default: FILE.rejects.csv "
                         "beside FILE; removed when no row is rejected)");
  import_cmd->add_flag("--trim", import.trim,
                       "trim white space around every value");
  import_cmd->add_flag(
      "--partial", import.partial,
      "merge each row into the stored record (columns the file lacks, and "
      "empty cells, keep their values); without it a row is the source's "
      "whole record and attributes it lacks are removed");
  import_cmd->add_option("--format", format, "auto, csv or jsonl")
      ->check(CLI::IsMember({"auto", "csv", "jsonl"}))
      ->capture_default_str();
  import_cmd->add_option(
      "--encoding", import.encoding,
      "the file's encoding: GBK, GB18030, Big5, Shift_JIS, UTF-16, "
      "windows-1252... (default: UTF-8, or UTF-16 by byte-order mark)");
  import_cmd->add_option("--delimiter", import.delimiter,
                         "CSV delimiter: one character or 'tab' (default: "
                         "',', ';' or tab, detected from the header)");
  import_cmd->add_flag("--new-source", import.new_source,
                       "accept a source name that differs only by case from "
                       "a known source");

  // resolve
  std::vector<std::string> resolve_args;
  std::string entity_type;
  auto* resolve_cmd = app.add_subcommand(
      "resolve", "SOURCE SOURCE_ID -> golden id, or GOLDEN_ID -> live id");
  resolve_cmd->add_option("ARGS", resolve_args, "SOURCE SOURCE_ID | GOLDEN_ID")
      ->required()
      ->expected(1, 2);
  resolve_cmd->add_option("--type", entity_type,
                          "entity type, when the key exists under several");
  std::string as_of;
  resolve_cmd->add_option(
      "--as-of", as_of,
      "answer as of this time (RFC 3339, or a date: midnight UTC)");

  // get
  std::string golden_id;
  auto* get_cmd = app.add_subcommand("get", "a golden record with its sources");
  get_cmd->add_option("GOLDEN_ID", golden_id)->required();
  get_cmd->add_option(
      "--as-of", as_of,
      "the record as it was then (RFC 3339, or a date: midnight UTC)");

  // history
  auto* history_cmd = app.add_subcommand(
      "history", "every version of a golden record: when, why, what changed");
  history_cmd->add_option("GOLDEN_ID", golden_id)->required();

  // search
  SearchOptions search;
  auto* search_cmd = app.add_subcommand(
      "search", "golden records matching a query; writes nothing");
  search_cmd->add_option("--type", search.entity_type)->required();
  search_cmd->add_option("--attr", search.attributes, "NAME=VALUE (repeat)");
  search_cmd->add_option("--limit", search.limit, "most results, 1..100")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  search_cmd
      ->add_option("--min-probability", search.min_probability,
                   "only matches at least this likely, 0..1")
      ->check(CLI::Range(0.0, 1.0));
  search_cmd->add_option("TEXT", search.text,
                         "free text: name, e-mail, phone, identifiers");

  // watch
  int64_t from = 0;
  int64_t max_events = 0;
  auto* watch_cmd =
      app.add_subcommand("watch", "follow the change feed until interrupted");
  watch_cmd->add_option("--from", from, "first sequence number to show")
      ->check(CLI::NonNegativeNumber);
  watch_cmd->add_option("--type", entity_type, "only this entity type");
  watch_cmd
      ->add_option("--max-events", max_events, "stop after this many events")
      ->check(CLI::NonNegativeNumber);

  // changes
  int limit = 1000;
  auto* changes_cmd =
      app.add_subcommand("changes", "one page of the change feed");
  changes_cmd->add_option("--from", from, "first sequence number to show")
      ->check(CLI::NonNegativeNumber);
  changes_cmd->add_option("--type", entity_type, "only this entity type");
  changes_cmd->add_option("--limit", limit, "most events, 1..10000")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();

  // export xrefs
  auto* export_cmd = app.add_subcommand(
      "export", "export data as CSV (JSON Lines with --json)");
  export_cmd->require_subcommand(1);
  auto* xrefs_cmd = export_cmd->add_subcommand(
      "xrefs", "entity_type,source,source_id,golden_id for every live record");
  xrefs_cmd->add_option("--type", entity_type, "only this entity type");

  // upsert
  UpsertOptions upsert;
  auto* upsert_cmd =
      app.add_subcommand("upsert", "insert or update one record");
  upsert_cmd->add_option("--type", upsert.entity_type)->required();
  upsert_cmd->add_option("--source", upsert.source)->required();
  upsert_cmd->add_option("--id", upsert.source_id, "source id")->required();
  upsert_cmd->add_option("--attr", upsert.attributes, "NAME=VALUE (repeat)");
  upsert_cmd->add_option("--attributes-json", upsert.json,
                         "attributes as a JSON object");
  upsert_cmd->add_flag("--partial", upsert.partial,
                       "merge into the stored record: attributes not given "
                       "keep their values");
  upsert_cmd->add_flag("--new-source", upsert.new_source,
                       "accept a source name that differs only by case from "
                       "a known source");

  // delete
  std::vector<std::string> delete_args;
  auto* delete_cmd = app.add_subcommand("delete", "delete one source record");
  delete_cmd->add_option("SOURCE SOURCE_ID", delete_args)
      ->required()
      ->expected(2);
  delete_cmd->add_option("--type", entity_type)->required();

  // types
  std::string type_name;
  auto* types_cmd =
      app.add_subcommand("types", "entity types and their attributes");
  types_cmd->add_option("NAME", type_name);

  // explain
  std::vector<std::string> explain_args;
  auto* explain_cmd =
      app.add_subcommand("explain", "why two records do or do not match");
  explain_cmd->add_option("SOURCE:ID SOURCE:ID", explain_args)
      ->required()
      ->expected(2);
  explain_cmd->add_option("--type", entity_type,
                          "entity type, when a key exists under several");

  // model
  int max_records = 0;
  auto* model_cmd = app.add_subcommand("model", "the matching model");
  model_cmd->require_subcommand(1);
  auto* train_cmd = model_cmd->add_subcommand(
      "train",
      "learn a new model version from the data (no labels) and "
      "re-match every record under it");
  train_cmd->add_option("--type", entity_type)->required();
  train_cmd
      ->add_option("--max-records", max_records,
                   "most records to learn from (default 200000)")
      ->check(CLI::NonNegativeNumber);
  auto* show_cmd = model_cmd->add_subcommand("show", "the active model");
  show_cmd->add_option("--type", entity_type)->required();
  auto* rematch_cmd = model_cmd->add_subcommand(
      "rematch",
      "score and cluster every record of the type again from scratch (the "
      "batch path) and report what moved");
  rematch_cmd->add_option("--type", entity_type)->required();

  // candidates
  std::string reason;
  CandidateListOptions candidate_list;
  std::vector<std::string> pair_args;
  auto* candidates_cmd = app.add_subcommand(
      "candidates", "the review queue: pairs the matcher is unsure about");
  candidates_cmd->require_subcommand(1);
  auto* candidates_list_cmd =
      candidates_cmd->add_subcommand("list", "review candidates, best first");
  candidates_list_cmd->add_option("--type", candidate_list.entity_type)
      ->required();
  candidates_list_cmd
      ->add_option("--min-probability", candidate_list.min_probability, "0..1")
      ->check(CLI::Range(0.0, 1.0));
  candidates_list_cmd
      ->add_option("--max-probability", candidate_list.max_probability, "0..1")
      ->check(CLI::Range(0.0, 1.0));
  candidates_list_cmd->add_option("--source", candidate_list.source,
                                  "only pairs with a record of this source");
  candidates_list_cmd->add_option("--limit", candidate_list.limit, "1..1000")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  candidates_list_cmd->add_flag("--unsure", candidate_list.unsure,
                                "the pairs judged unsure instead");
  auto* candidates_show_cmd = candidates_cmd->add_subcommand(
      "show", "one pair side by side with the explanation");
  std::vector<CLI::App*> decide_cmds;
  for (const char* decision : {"approve", "reject", "unsure"}) {
    decide_cmds.push_back(candidates_cmd->add_subcommand(
        decision, std::string(decision) == "approve"
                      ? "the two records are one entity (must-link)"
                  : std::string(decision) == "reject"
                      ? "the two records are different entities (cannot-link)"
                      : "no decision now; ask again later"));
  }
  for (CLI::App* cmd :
       {candidates_show_cmd, decide_cmds[0], decide_cmds[1], decide_cmds[2]}) {
    cmd->add_option("SOURCE:ID SOURCE:ID", pair_args)->required()->expected(2);
    cmd->add_option("--type", entity_type,
                    "entity type, when a key exists under several");
  }
  for (CLI::App* cmd : decide_cmds) {
    cmd->add_option("--reason", reason, "why, for the audit log");
  }
  int64_t undo_sequence = 0;
  auto* candidates_undo_cmd = candidates_cmd->add_subcommand(
      "undo", "revert a decision, named by its audit entry");
  candidates_undo_cmd
      ->add_option("AUDIT_SEQUENCE", undo_sequence,
                   "the decision's audit entry (printed as \"(audit N)\")")
      ->required();
  candidates_undo_cmd->add_option("--reason", reason, "why, for the audit log");

  // merge, split, move
  std::vector<std::string> merge_args;
  auto* merge_cmd =
      app.add_subcommand("merge", "merge two golden records (steward)");
  merge_cmd->add_option("GOLDEN_ID GOLDEN_ID", merge_args)
      ->required()
      ->expected(2);
  merge_cmd->add_option("--reason", reason, "why, for the audit log");
  std::vector<std::string> split_args;
  auto* split_cmd = app.add_subcommand(
      "split", "split source records out of a golden record into a new one");
  split_cmd->add_option("GOLDEN_ID SOURCE:ID...", split_args)
      ->required()
      ->expected(2, 1 << 20);
  split_cmd->add_option("--reason", reason, "why, for the audit log");
  std::vector<std::string> move_args;
  auto* move_cmd = app.add_subcommand(
      "move", "move a source record to another golden record");
  move_cmd->add_option("SOURCE:ID GOLDEN_ID", move_args)
      ->required()
      ->expected(2);
  move_cmd->add_option("--type", entity_type,
                       "entity type, when the key exists under several");
  move_cmd->add_option("--reason", reason, "why, for the audit log");

  // audit
  AuditOptions audit;
  auto* audit_cmd = app.add_subcommand(
      "audit", "steward actions and automatic merges and splits");
  audit_cmd->add_option("--golden", audit.golden_id,
                        "only entries naming this golden id");
  audit_cmd->add_option("--actor", audit.actor, "only this actor's entries");
  audit_cmd->add_option("--since", audit.since,
                        "only entries since (RFC 3339, or a date)");
  audit_cmd->add_option("--limit", audit.limit, "1..1000")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();

  // review
  auto* review_cmd = app.add_subcommand(
      "review", "walk the review queue in the terminal, one pair at a time");
  review_cmd->add_option("--type", entity_type, "only this entity type");

  // admin
  auto* admin_cmd =
      app.add_subcommand("admin", "backup, invariant check, tokens");
  admin_cmd->require_subcommand(1);
  std::string backup_path;
  auto* backup_cmd = admin_cmd->add_subcommand(
      "backup", "copy the database while the server keeps serving");
  backup_cmd->add_option("FILE", backup_path, "new file to write")->required();
  int max_violations = 100;
  auto* verify_cmd = admin_cmd->add_subcommand(
      "verify", "check every invariant of the database (exit 1: broken)");
  verify_cmd
      ->add_option("--max-violations", max_violations,
                   "most violations listed, 1..10000")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  std::string token_name, token_roles, token_expires;
  auto* new_token_cmd = admin_cmd->add_subcommand(
      "new-token", "make a token and its tokens-file line (no server)");
  new_token_cmd->add_option("--name", token_name, "who the token is for")
      ->required();
  new_token_cmd
      ->add_option("--roles", token_roles,
                   "comma-separated: reader, writer, steward, admin")
      ->required();
  new_token_cmd->add_option("--expires", token_expires,
                            "RFC 3339 time after which it is refused");

  AddHelpFooters(app, ExitCodeHelp());
  std::vector<std::string> args = RewriteHelpCommand(app, ArgsOf(argc, argv));
  if (args.empty()) {
    std::cerr << app.help();
    return kExitUsage;
  }
  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    if (const std::string unknown = UnknownCommandMessage(app, args);
        !unknown.empty()) {
      std::cerr << "mdmctl: " << unknown << "\n";
      return kExitUsage;
    }
    app.exit(e);
    return kExitUsage;
  }

  if (*new_token_cmd) {
    return RunNewToken(common, token_name, token_roles, token_expires,
                       absl::Now(), std::cout, std::cerr);
  }
  SetCallTarget({.server = WithDefaultPort(connection.server),
                 .tls_ca = connection.tls_ca});
  absl::StatusOr<std::shared_ptr<grpc::Channel>> connected =
      Connect(connection);
  if (!connected.ok()) {
    std::cerr << "mdmctl: " << connected.status().message() << "\n";
    return kExitUsage;
  }
  const std::shared_ptr<grpc::Channel>& channel = *connected;
  if (*backup_cmd) {
    return RunBackup(channel, common, backup_path, std::cout, std::cerr);
  }
  if (*verify_cmd) {
    return RunVerify(channel, common, max_violations, std::cout, std::cerr);
  }
  if (*import_cmd) {
    import.json = common.json;
    import.terminal = isatty(STDERR_FILENO) != 0;
    import.format = format == "csv"     ? RowFormat::kCsv
                    : format == "jsonl" ? RowFormat::kJsonLines
                                        : RowFormat::kAuto;
    return RunImport(channel, common, import, std::cout, std::cerr);
  }
  if (*resolve_cmd) {
    return RunResolve(channel, common, resolve_args, entity_type, as_of,
                      std::cout, std::cerr);
  }
  if (*get_cmd) {
    return RunGet(channel, common, golden_id, as_of, std::cout, std::cerr);
  }
  if (*history_cmd) {
    return RunHistory(channel, common, golden_id, std::cout, std::cerr);
  }
  if (*search_cmd)
    return RunSearch(channel, common, search, std::cout, std::cerr);
  if (*watch_cmd) {
    return RunWatch(channel, common, from, entity_type, max_events, std::cout,
                    std::cerr);
  }
  if (*changes_cmd) {
    return RunChanges(channel, common, from, entity_type, limit, std::cout,
                      std::cerr);
  }
  if (*xrefs_cmd) {
    return RunExportXrefs(channel, common, entity_type, std::cout, std::cerr);
  }
  if (*upsert_cmd)
    return RunUpsert(channel, common, upsert, std::cout, std::cerr);
  if (*delete_cmd) {
    return RunDelete(channel, common, entity_type, delete_args[0],
                     delete_args[1], std::cout, std::cerr);
  }
  if (*types_cmd) {
    return RunTypes(channel, common, type_name, std::cout, std::cerr);
  }
  if (*explain_cmd) {
    return RunExplain(channel, common, explain_args[0], explain_args[1],
                      entity_type, std::cout, std::cerr);
  }
  if (*train_cmd) {
    return RunModelTrain(channel, common, entity_type, max_records, std::cout,
                         std::cerr);
  }
  if (*rematch_cmd) {
    return RunModelRematch(channel, common, entity_type, std::cout, std::cerr);
  }
  if (*show_cmd) {
    return RunModelShow(channel, common, entity_type, std::cout, std::cerr);
  }
  if (*candidates_list_cmd) {
    return RunCandidatesList(channel, common, candidate_list, std::cout,
                             std::cerr);
  }
  if (*candidates_show_cmd) {
    return RunCandidatesShow(channel, common, pair_args[0], pair_args[1],
                             entity_type, std::cout, std::cerr);
  }
  for (CLI::App* cmd : decide_cmds) {
    if (*cmd) {
      return RunCandidatesDecide(channel, common, cmd->get_name(), pair_args[0],
                                 pair_args[1], entity_type, reason, std::cout,
                                 std::cerr);
    }
  }
  if (*candidates_undo_cmd) {
    return RunCandidatesUndo(channel, common, undo_sequence, reason, std::cout,
                             std::cerr);
  }
  if (*merge_cmd) {
    return RunMerge(channel, common, merge_args[0], merge_args[1], reason,
                    std::cout, std::cerr);
  }
  if (*split_cmd) {
    return RunSplit(
        channel, common, split_args[0],
        std::vector<std::string>(split_args.begin() + 1, split_args.end()),
        reason, std::cout, std::cerr);
  }
  if (*move_cmd) {
    return RunMove(channel, common, move_args[0], move_args[1], entity_type,
                   reason, std::cout, std::cerr);
  }
  if (*audit_cmd) return RunAudit(channel, common, audit, std::cout, std::cerr);
  if (*review_cmd) return RunReview(channel, common, entity_type);
  return kExitUsage;
}
