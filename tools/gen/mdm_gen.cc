// mdm-gen: synthetic source records with known duplicates and a ground-truth
// file, deterministic by seed, for load tests and accuracy at scale.
//
//   mdm-gen --entities=1000000 --seed=7 --sources=crm,erp --out=/tmp/people
//
// writes one CSV per source (OUT/crm.csv, OUT/erp.csv: an `id` column, then
// the built-in person attributes) and OUT/truth.csv (source,id,entity). Load
// them with `mdmctl import --type=person --source=crm OUT/crm.csv`, and score
// with `mdm-eval --dataset=generated --data=OUT`. About --duplicate-share of
// the records are noisy extra copies of an entity (see
// tools/gen/person_generator.h for the noise).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "tools/gen/person_generator.h"

namespace {

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  return absl::StrCat("\"", absl::StrReplaceAll(value, {{"\"", "\"\""}}), "\"");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"mdm-gen: synthetic person records with known duplicates"};
  int64_t entities = 100000;
  mdm::gen::PersonGeneratorOptions options;
  std::string sources = "crm,erp";
  std::string out_dir;
  app.add_option("--entities", entities, "real-world persons")
      ->capture_default_str();
  app.add_option("--seed", options.seed)->capture_default_str();
  app.add_option("--sources", sources, "comma-separated source names")
      ->capture_default_str();
  app.add_option("--duplicate-share", options.duplicate_share,
                 "share of records that are extra copies, 0..0.5")
      ->capture_default_str();
  app.add_option("--chinese-share", options.chinese_share,
                 "share of persons with Chinese names")
      ->capture_default_str();
  app.add_option("--out", out_dir, "output folder")->required();
  CLI11_PARSE(app, argc, argv);
  options.sources = absl::StrSplit(sources, ',', absl::SkipEmpty());

  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) {
    std::cerr << "mdm-gen: cannot create " << out_dir << ": " << error.message()
              << "\n";
    return 1;
  }
  std::map<std::string, std::unique_ptr<std::ofstream>> files;
  const std::string header =
      absl::StrCat("id,", absl::StrJoin(mdm::gen::PersonColumns(), ","), "\n");
  for (const std::string& source : options.sources) {
    auto file = std::make_unique<std::ofstream>(
        std::filesystem::path(out_dir) / absl::StrCat(source, ".csv"),
        std::ios::binary);
    *file << header;
    files[source] = std::move(file);
  }
  std::ofstream truth(std::filesystem::path(out_dir) / "truth.csv",
                      std::ios::binary);
  truth << "source,id,entity\n";

  const mdm::gen::PersonGenerator generator(options);
  int64_t records = 0;
  std::string line;
  for (int64_t e = 0; e < entities; ++e) {
    for (const mdm::gen::GeneratedRecord& record : generator.Entity(e)) {
      line = record.id;
      for (const std::string& value : record.values) {
        absl::StrAppend(&line, ",", CsvField(value));
      }
      line.push_back('\n');
      *files[record.source] << line;
      truth << record.source << "," << record.id << "," << e << "\n";
      ++records;
    }
  }
  for (auto& [source, file] : files) {
    if (!file->flush()) {
      std::cerr << "mdm-gen: cannot write " << source << ".csv\n";
      return 1;
    }
  }
  if (!truth.flush()) {
    std::cerr << "mdm-gen: cannot write truth.csv\n";
    return 1;
  }
  std::cerr << "mdm-gen: " << entities << " entities, " << records
            << " records in " << out_dir << "\n";
  return 0;
}
