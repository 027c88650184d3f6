// mdm-gen: synthetic source records with known duplicates and a ground-truth
// file, deterministic by seed, for load tests and accuracy at scale.
//
//   mdm-gen --entities=1000000 --seed=7 --sources=crm,erp --out=/tmp/people
//   mdm-gen --type=organization --entities=20000 --out=/tmp/orgs
//   mdm-gen --type=product --entities=20000 --out=/tmp/products
//   mdm-gen --type=mixed --entities=800000 --out=/tmp/mixed  # about 1M records
//
// --type is person (the default), organization or product. Writes one CSV
// per source (OUT/crm.csv, OUT/erp.csv: an `id` column, then the built-in
// attributes of the type), OUT/truth.csv (source,id,entity) and OUT/type.txt
// (the entity type's name). Load them with
// `mdmctl import --type=TYPE --source=crm OUT/crm.csv`, and score with
// `mdm-eval --dataset=generated --data=OUT`. About --duplicate-share of the
// records are noisy extra copies of an entity; the noise is described in
// tools/gen/person_generator.h, organization_generator.h and
// product_generator.h. --chinese-share applies to persons and organizations,
// --org-english-brand-share to organizations (the share of Chinese groups
// with a made-up English brand rather than pinyin, default 0),
// --product-chinese-share to products (the share of product lines listed in
// Chinese and in English, default 0.15). Organizations also write
// OUT/groups.csv (entity,group,role,head): each entity's corporate group
// (the parent's entity), its role (alone, parent, subsidiary, branch) and,
// for a branch, the entity it is a branch of.
// --type=mixed writes OUT/person, OUT/organization and OUT/product, each as
// above, with 40%, 30% and 30% of the entities: a store of every built-in
// type in the proportions of a CRM and ERP master.
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "tools/gen/generated_record.h"
#include "tools/gen/organization_generator.h"
#include "tools/gen/person_generator.h"
#include "tools/gen/product_generator.h"

namespace {

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  return absl::StrCat("\"", absl::StrReplaceAll(value, {{"\"", "\"\""}}), "\"");
}

struct Options {
  std::string type;
  int64_t entities = 0;
  uint64_t seed = 1;
  std::vector<std::string> source_names;
  double duplicate_share = 0.2;
  double chinese_share = -1;  // the generator's default
  double org_english_brand_share = 0.0;
  double product_chinese_share = 0.15;
  std::string out_dir;
};

const char* RoleName(mdm::gen::OrganizationRole role) {
  switch (role) {
    case mdm::gen::OrganizationRole::kAlone:
      return "alone";
    case mdm::gen::OrganizationRole::kParent:
      return "parent";
    case mdm::gen::OrganizationRole::kSubsidiary:
      return "subsidiary";
    case mdm::gen::OrganizationRole::kBranch:
      return "branch";
  }
  return "";
}

// Writes one type's files into options.out_dir; 0, or 1 after printing why.
int Generate(const Options& options) {
  const std::string& type = options.type;
  const int64_t entities = options.entities;
  const uint64_t seed = options.seed;
  const std::vector<std::string>& source_names = options.source_names;
  const double duplicate_share = options.duplicate_share;
  const double chinese_share = options.chinese_share;
  const std::string& out_dir = options.out_dir;
  // The chosen generator, as its columns and its Entity function.
  std::vector<std::string> columns;
  std::function<std::vector<mdm::gen::GeneratedRecord>(int64_t)> entity;
  // Organizations: the line of groups.csv of an entity.
  std::function<std::string(int64_t)> group_line;
  if (type == "organization") {
    mdm::gen::OrganizationGeneratorOptions generator_options{
        .seed = seed,
        .sources = source_names,
        .duplicate_share = duplicate_share,
        .english_brand_share = options.org_english_brand_share};
    if (chinese_share >= 0) generator_options.chinese_share = chinese_share;
    auto generator = std::make_shared<const mdm::gen::OrganizationGenerator>(
        generator_options);
    columns = mdm::gen::OrganizationColumns();
    entity = [generator](int64_t e) { return generator->Entity(e); };
    group_line = [generator](int64_t e) {
      const mdm::gen::OrganizationMembership m = generator->Membership(e);
      return absl::StrCat(e, ",", m.group, ",", RoleName(m.role), ",", m.head,
                          "\n");
    };
  } else if (type == "product") {
    auto generator = std::make_shared<const mdm::gen::ProductGenerator>(
        mdm::gen::ProductGeneratorOptions{
            .seed = seed,
            .sources = source_names,
            .duplicate_share = duplicate_share,
            .chinese_share = options.product_chinese_share});
    columns = mdm::gen::ProductColumns();
    entity = [generator](int64_t e) { return generator->Entity(e); };
  } else {
    mdm::gen::PersonGeneratorOptions generator_options{
        .seed = seed,
        .sources = source_names,
        .duplicate_share = duplicate_share};
    if (chinese_share >= 0) generator_options.chinese_share = chinese_share;
    auto generator =
        std::make_shared<const mdm::gen::PersonGenerator>(generator_options);
    columns = mdm::gen::PersonColumns();
    entity = [generator](int64_t e) { return generator->Entity(e); };
  }

  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) {
    std::cerr << "mdm-gen: cannot create " << out_dir << ": " << error.message()
              << "\n";
    return 1;
  }
  std::map<std::string, std::unique_ptr<std::ofstream>> files;
  const std::string header =
      absl::StrCat("id,", absl::StrJoin(columns, ","), "\n");
  for (const std::string& source :
       source_names.empty() ? std::vector<std::string>{"crm"} : source_names) {
    auto file = std::make_unique<std::ofstream>(
        std::filesystem::path(out_dir) / absl::StrCat(source, ".csv"),
        std::ios::binary);
    *file << header;
    files[source] = std::move(file);
  }
  std::ofstream truth(std::filesystem::path(out_dir) / "truth.csv",
                      std::ios::binary);
  truth << "source,id,entity\n";
  std::ofstream type_file(std::filesystem::path(out_dir) / "type.txt",
                          std::ios::binary);
  type_file << type << "\n";
  if (!type_file.flush()) {
    std::cerr << "mdm-gen: cannot write type.txt\n";
    return 1;
  }
  std::unique_ptr<std::ofstream> groups;
  if (group_line) {
    groups = std::make_unique<std::ofstream>(
        std::filesystem::path(out_dir) / "groups.csv", std::ios::binary);
    *groups << "entity,group,role,head\n";
  }

  int64_t records = 0;
  std::string line;
  for (int64_t e = 0; e < entities; ++e) {
    for (const mdm::gen::GeneratedRecord& record : entity(e)) {
      line = record.id;
      for (const std::string& value : record.values) {
        absl::StrAppend(&line, ",", CsvField(value));
      }
      line.push_back('\n');
      *files[record.source] << line;
      truth << record.source << "," << record.id << "," << e << "\n";
      ++records;
    }
    if (groups != nullptr) *groups << group_line(e);
  }
  if (groups != nullptr && !groups->flush()) {
    std::cerr << "mdm-gen: cannot write groups.csv\n";
    return 1;
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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"mdm-gen: synthetic records with known duplicates"};
  int64_t entities = 100000;
  std::string type = "person";
  uint64_t seed = 1;
  std::string sources = "crm,erp";
  double duplicate_share = 0.2;
  double chinese_share = -1;  // the generator's default
  double org_english_brand_share = 0.0;
  double product_chinese_share = 0.15;
  std::string out_dir;
  app.add_option("--type", type, "entity type")
      ->check(CLI::IsMember({"person", "organization", "product", "mixed"}))
      ->capture_default_str();
  app.add_option("--entities", entities, "real-world entities")
      ->capture_default_str();
  app.add_option("--seed", seed)->capture_default_str();
  app.add_option("--sources", sources, "comma-separated source names")
      ->capture_default_str();
  app.add_option("--duplicate-share", duplicate_share,
                 "share of records that are extra copies, 0..0.5")
      ->capture_default_str();
  app.add_option("--chinese-share", chinese_share,
                 "share of persons with Chinese names (default 0.15) or of "
                 "Chinese organizations (default 0.2)");
  app.add_option("--org-english-brand-share", org_english_brand_share,
                 "share of Chinese organization groups whose Latin name is a "
                 "made-up English brand, not pinyin, 0..1")
      ->capture_default_str();
  app.add_option("--product-chinese-share", product_chinese_share,
                 "share of product lines listed in Chinese in one copy and "
                 "in English in another, 0..1")
      ->capture_default_str();
  app.add_option("--out", out_dir, "output folder")->required();
  CLI11_PARSE(app, argc, argv);

  Options options{
      .type = type,
      .entities = entities,
      .seed = seed,
      .source_names = absl::StrSplit(sources, ',', absl::SkipEmpty()),
      .duplicate_share = duplicate_share,
      .chinese_share = chinese_share,
      .org_english_brand_share = org_english_brand_share,
      .product_chinese_share = product_chinese_share,
      .out_dir = out_dir};
  if (type != "mixed") return Generate(options);
  // Shares of the entities; the person part takes the rounding.
  const int64_t organizations = entities * 3 / 10;
  const int64_t products = entities * 3 / 10;
  for (const auto& [part, count] : std::vector<std::pair<std::string, int64_t>>{
           {"person", entities - organizations - products},
           {"organization", organizations},
           {"product", products}}) {
    Options one = options;
    one.type = part;
    one.entities = count;
    one.out_dir = (std::filesystem::path(out_dir) / part).string();
    if (const int status = Generate(one); status != 0) return status;
  }
  return 0;
}