// mdm-eval: accuracy of the real service on public entity-resolution
// datasets with ground truth.
//
//   mdm-eval --dataset=febrl3 --data=../shared/datasets
//   mdm-eval --dataset=all --data=../shared/datasets [--no-train] [--keep]
//
// For each dataset it starts a fresh mdmd (from --bin, default: the folder
// holding mdm-eval) on a temporary directory, loads the dataset with mdmctl,
// trains the model without labels (`mdmctl model train`, which re-matches
// everything; --no-train keeps the built-in defaults), exports the xrefs and
// prints one line
//
//   dataset=NAME records=N precision=P recall=R f1=F review=C
//     review_per_record=C/N review_true=T seconds=S
//
// (pairwise scores; `accuracy=A` instead for labelled pairs). Exit 0 when
// every dataset produced its line; 1 when one failed (the reason on stderr;
// with --dataset=all the others still run); CLI11's codes for bad arguments.
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/eval/datasets.h"
#include "tools/eval/evaluation.h"

#ifndef MDM_EVAL_CONFIGS_DIR
#define MDM_EVAL_CONFIGS_DIR ""
#endif

namespace {

// The folder holding this executable, "" if unknown.
std::string OwnDirectory() {
  std::error_code error;
  const std::filesystem::path self =
      std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? "" : self.parent_path().string();
}

bool IsExecutable(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error) &&
         access(path.c_str(), X_OK) == 0;
}

// A new empty directory under $TMPDIR (or /tmp), "" on failure.
std::string MakeWorkDirectory() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = absl::StrCat(
      base != nullptr && *base != '\0' ? base : "/tmp", "/mdm-eval-XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) return "";
  return pattern;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "mdm-eval: run a public entity-resolution dataset through a fresh mdmd "
      "with the real mdmctl and score the clustering against ground truth"};
  std::string dataset;
  mdm::eval::EvalOptions options;
  options.bin_dir = OwnDirectory();
  options.configs_dir = MDM_EVAL_CONFIGS_DIR;
  bool keep = false;
  std::vector<std::string> choices = mdm::eval::DatasetNames();
  choices.push_back("all");
  // Output of mdm-gen: --data is its --out folder. Not part of "all".
  choices.push_back("generated");
  app.add_option("--dataset", dataset,
                 absl::StrCat("dataset to run: ", absl::StrJoin(choices, ", ")))
      ->required()
      ->check(CLI::IsMember(choices));
  app.add_option("--data", options.data_dir,
                 "folder holding the datasets (e.g. ../shared/datasets)")
      ->required();
  bool no_train = false;
  app.add_flag("--no-train", no_train,
               "skip `mdmctl model train` after the imports: score the "
               "built-in defaults");
  app.add_flag("--keep", keep,
               "keep the temporary directory (databases, logs, rejects) and "
               "print its path on stderr");
  app.add_option("--bin", options.bin_dir, "folder holding mdmd and mdmctl")
      ->capture_default_str();
  app.add_option("--configs", options.configs_dir,
                 "folder of optional per-dataset mdmd configurations "
                 "NAME.textproto")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  options.train = !no_train;

  std::error_code error;
  if (!std::filesystem::is_directory(options.data_dir, error)) {
    std::cerr << "mdm-eval: --data=" << options.data_dir
              << " is not a directory\n";
    return 1;
  }
  for (const char* program : {"mdmd", "mdmctl"}) {
    if (!IsExecutable(std::filesystem::path(options.bin_dir) / program)) {
      std::cerr << "mdm-eval: no executable " << program << " in "
                << (options.bin_dir.empty() ? "(unknown)" : options.bin_dir)
                << "; build it or point --bin at it\n";
      return 1;
    }
  }
  options.work_dir = MakeWorkDirectory();
  if (options.work_dir.empty()) {
    std::cerr << "mdm-eval: cannot create a temporary directory\n";
    return 1;
  }

  const std::vector<std::string> names =
      dataset == "all" ? mdm::eval::DatasetNames()
                       : std::vector<std::string>{dataset};
  int exit_code = 0;
  for (const std::string& name : names) {
    const absl::Status status =
        mdm::eval::EvaluateDataset(name, options, std::cout, std::cerr);
    if (!status.ok()) {
      std::cerr << "mdm-eval: " << name << ": " << status.message() << "\n";
      exit_code = 1;
    }
  }
  if (keep) {
    std::cerr << "mdm-eval: kept " << options.work_dir << "\n";
  } else {
    std::filesystem::remove_all(options.work_dir, error);
  }
  return exit_code;
}
