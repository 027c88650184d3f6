#include "tools/eval/datasets.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "src/base/status_macros.h"
#include "tools/mdmctl/csv_reader.h"

namespace mdm::eval {
namespace {

// A CSV file read row by row, columns looked up by their (trimmed) header
// name. Malformed rows are skipped and described in `warnings`.
class CsvFile {
 public:
  static absl::StatusOr<std::unique_ptr<CsvFile>> Open(
      const std::string& path, bool trim_values,
      std::vector<std::string>* warnings) {
    auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!std::filesystem::is_regular_file(path) || !*in) {
      return absl::NotFoundError(
          absl::StrCat("dataset file ", path, " is missing or unreadable"));
    }
    std::unique_ptr<CsvFile> file(
        new CsvFile(path, std::move(in), trim_values, warnings));
    cli::CsvRow header;
    if (!file->reader_.Next(header) || !header.error.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": no header row ", header.error));
    }
    for (std::string& column : header.fields) {
      file->header_.emplace_back(absl::StripAsciiWhitespace(column));
    }
    return file;
  }

  // Index of the column named `name`.
  absl::StatusOr<size_t> Column(absl::string_view name) const {
    for (size_t i = 0; i < header_.size(); ++i) {
      if (header_[i] == name) return i;
    }
    return absl::InvalidArgumentError(absl::StrCat(
        path_, ": no column '", name,
        "' in the header (columns: ", absl::StrJoin(header_, ", "), ")"));
  }

  const std::vector<std::string>& header() const { return header_; }

  // The next well-formed row (as many fields as the header); false at the
  // end of the file.
  bool Next(std::vector<std::string>& fields) {
    cli::CsvRow row;
    while (reader_.Next(row)) {
      if (row.error.empty() && row.fields.size() != header_.size()) {
        row.error = absl::StrCat("has ", row.fields.size(),
                                 " fields; the header has ", header_.size());
      }
      if (!row.error.empty()) {
        warnings_->push_back(
            absl::StrCat(path_, ":", row.line, ": row skipped: ", row.error));
        continue;
      }
      fields = std::move(row.fields);
      if (trim_values_) {
        for (std::string& field : fields) {
          field = std::string(absl::StripAsciiWhitespace(field));
        }
      }
      return true;
    }
    return false;
  }

 private:
  CsvFile(std::string path, std::unique_ptr<std::ifstream> in, bool trim_values,
          std::vector<std::string>* warnings)
      : path_(std::move(path)),
        in_(std::move(in)),
        reader_(*in_),
        trim_values_(trim_values),
        warnings_(warnings) {}

  const std::string path_;
  std::unique_ptr<std::ifstream> in_;
  cli::CsvReader reader_;
  const bool trim_values_;
  std::vector<std::string>* warnings_;
  std::vector<std::string> header_;
};

std::string CsvField(absl::string_view value) {
  if (value.find_first_of(",\"\r\n") == absl::string_view::npos) {
    return std::string(value);
  }
  return absl::StrCat("\"", absl::StrReplaceAll(value, {{"\"", "\"\""}}), "\"");
}

std::string PathIn(const std::string& dir, absl::string_view relative) {
  return (std::filesystem::path(dir) / std::string(relative)).string();
}

// Adds a record unless its key was seen before (the service would treat a
// repeated id as an update of the same record, not as a second record).
void AddRecord(PreparedDataset& dataset, absl::flat_hash_set<RecordKey>& seen,
               RecordKey key, std::string cluster) {
  if (!seen.insert(key).second) {
    dataset.warnings.push_back(absl::StrCat("record ", key.source, ":", key.id,
                                            " appears twice; counted once"));
    return;
  }
  dataset.records.push_back({std::move(key), std::move(cluster)});
}

// febrl: rec_id "rec-N-org" or "rec-N-dup-K"; N is the entity.
std::string FebrlEntity(absl::string_view rec_id) {
  if (!absl::ConsumePrefix(&rec_id, "rec-")) return "";
  const size_t dash = rec_id.find('-');
  if (dash == absl::string_view::npos || dash == 0) return "";
  return std::string(rec_id.substr(0, dash));
}

const std::vector<std::string>& FebrlFlags() {
  static const auto* flags = new std::vector<std::string>{
      "--trim", "--id-column=rec_id",
      "--map=surname=family_name,date_of_birth=birth_date,soc_sec_id=national_"
      "id,address_1=address_line,suburb=city,postcode=postal_code,state="
      "region",
      "--ignore=street_number,address_2"};
  return *flags;
}

// One febrl file as one source; truth from rec_id.
absl::Status AddFebrlFile(PreparedDataset& dataset,
                          absl::flat_hash_set<RecordKey>& seen,
                          const std::string& path, const std::string& source) {
  MDM_ASSIGN_OR_RETURN(
      std::unique_ptr<CsvFile> file,
      CsvFile::Open(path, /*trim_values=*/true, &dataset.warnings));
  MDM_ASSIGN_OR_RETURN(const size_t id, file->Column("rec_id"));
  std::vector<std::string> fields;
  while (file->Next(fields)) {
    std::string entity = FebrlEntity(fields[id]);
    if (entity.empty()) {
      dataset.warnings.push_back(absl::StrCat(
          path, ": rec_id '", fields[id], "' is not rec-N-...; a singleton"));
    }
    AddRecord(dataset, seen, {source, fields[id]}, std::move(entity));
  }
  dataset.imports.push_back({path, source, FebrlFlags()});
  return absl::OkStatus();
}

absl::StatusOr<PreparedDataset> Febrl3(const std::string& data_dir) {
  PreparedDataset dataset{.name = "febrl3", .entity_type = "person"};
  absl::flat_hash_set<RecordKey> seen;
  MDM_RETURN_IF_ERROR(AddFebrlFile(
      dataset, seen, PathIn(data_dir, "febrl/febrl_dataset3.csv"), "febrl"));
  return dataset;
}

absl::StatusOr<PreparedDataset> Febrl4(const std::string& data_dir) {
  PreparedDataset dataset{.name = "febrl4",
                          .entity_type = "person",
                          .scoring = Scoring::kCrossSourcePairs};
  absl::flat_hash_set<RecordKey> seen;
  MDM_RETURN_IF_ERROR(AddFebrlFile(
      dataset, seen, PathIn(data_dir, "febrl/febrl_dataset4a.csv"), "febrl4a"));
  MDM_RETURN_IF_ERROR(AddFebrlFile(
      dataset, seen, PathIn(data_dir, "febrl/febrl_dataset4b.csv"), "febrl4b"));
  return dataset;
}

// febrl 4a loaded without the entities N % 10 == 3; the 4b records as
// search queries.
absl::StatusOr<PreparedDataset> Febrl4Search(const std::string& data_dir,
                                             const std::string& scratch_dir) {
  PreparedDataset dataset{.name = "febrl4_search",
                          .entity_type = "person",
                          .scoring = Scoring::kSearch};
  auto held_out = [](const std::string& entity) {
    int64_t number = 0;
    return absl::SimpleAtoi(entity, &number) && number % 10 == 3;
  };
  // The loaded file: 4a without the held-out entities.
  const std::string loaded_path = PathIn(scratch_dir, "febrl4a_loaded.csv");
  absl::flat_hash_map<std::string, RecordKey> loaded_of_entity;
  {
    const std::string path = PathIn(data_dir, "febrl/febrl_dataset4a.csv");
    MDM_ASSIGN_OR_RETURN(
        std::unique_ptr<CsvFile> file,
        CsvFile::Open(path, /*trim_values=*/true, &dataset.warnings));
    MDM_ASSIGN_OR_RETURN(const size_t id, file->Column("rec_id"));
    std::ofstream out(loaded_path, std::ios::binary);
    std::vector<std::string> quoted;
    for (const std::string& column : file->header()) {
      quoted.push_back(CsvField(column));
    }
    out << absl::StrJoin(quoted, ",") << "\n";
    std::vector<std::string> fields;
    while (file->Next(fields)) {
      const std::string entity = FebrlEntity(fields[id]);
      if (entity.empty() || held_out(entity)) continue;
      loaded_of_entity[entity] = {"febrl4a", fields[id]};
      quoted.clear();
      for (const std::string& field : fields) quoted.push_back(CsvField(field));
      out << absl::StrJoin(quoted, ",") << "\n";
    }
    if (!out) {
      return absl::InternalError(absl::StrCat("cannot write ", loaded_path));
    }
  }
  dataset.imports.push_back({loaded_path, "febrl4a", FebrlFlags()});

  // Queries: 4b columns named as the import names them.
  const absl::flat_hash_map<std::string, std::string> attribute_of = {
      {"given_name", "given_name"},    {"surname", "family_name"},
      {"date_of_birth", "birth_date"}, {"soc_sec_id", "national_id"},
      {"address_1", "address_line"},   {"suburb", "city"},
      {"postcode", "postal_code"},     {"state", "region"}};
  const std::string path = PathIn(data_dir, "febrl/febrl_dataset4b.csv");
  MDM_ASSIGN_OR_RETURN(
      std::unique_ptr<CsvFile> file,
      CsvFile::Open(path, /*trim_values=*/true, &dataset.warnings));
  MDM_ASSIGN_OR_RETURN(const size_t id, file->Column("rec_id"));
  std::vector<std::string> fields;
  while (file->Next(fields)) {
    SearchCase query;
    query.key = {"febrl4b", fields[id]};
    for (size_t i = 0; i < fields.size(); ++i) {
      auto attribute = attribute_of.find(file->header()[i]);
      if (attribute != attribute_of.end() && !fields[i].empty()) {
        query.attributes.emplace_back(attribute->second, fields[i]);
      }
    }
    auto expected = loaded_of_entity.find(FebrlEntity(fields[id]));
    if (expected != loaded_of_entity.end()) query.expected = expected->second;
    dataset.searches.push_back(std::move(query));
  }
  return dataset;
}

// Output of tools/gen (mdm-gen): one CSV per source named in truth.csv,
// whose `entity` column is the truth, and type.txt naming the entity type
// ("person" when the file is absent).
absl::StatusOr<PreparedDataset> Generated(const std::string& data_dir) {
  PreparedDataset dataset{.name = "generated", .entity_type = "person"};
  const std::string type_path = PathIn(data_dir, "type.txt");
  if (std::filesystem::exists(type_path)) {
    std::ifstream type_file(type_path, std::ios::binary);
    std::string type;
    std::getline(type_file, type);
    type = std::string(absl::StripAsciiWhitespace(type));
    if (!type_file && !type_file.eof()) {
      return absl::NotFoundError(
          absl::StrCat("dataset file ", type_path, " is unreadable"));
    }
    if (type.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(type_path, ": no entity type on its first line"));
    }
    dataset.entity_type = type;
  }
  const std::string path = PathIn(data_dir, "truth.csv");
  MDM_ASSIGN_OR_RETURN(
      std::unique_ptr<CsvFile> file,
      CsvFile::Open(path, /*trim_values=*/false, &dataset.warnings));
  MDM_ASSIGN_OR_RETURN(const size_t source, file->Column("source"));
  MDM_ASSIGN_OR_RETURN(const size_t id, file->Column("id"));
  MDM_ASSIGN_OR_RETURN(const size_t entity, file->Column("entity"));
  absl::flat_hash_set<RecordKey> seen;
  std::vector<std::string> sources;
  std::vector<std::string> fields;
  while (file->Next(fields)) {
    if (std::find(sources.begin(), sources.end(), fields[source]) ==
        sources.end()) {
      sources.push_back(fields[source]);
    }
    AddRecord(dataset, seen, {fields[source], fields[id]}, fields[entity]);
  }
  for (const std::string& name : sources) {
    dataset.imports.push_back(
        {PathIn(data_dir, absl::StrCat(name, ".csv")), name, {}});
  }
  return dataset;
}

// Splink's synthetic people: truth in the `cluster` column.
absl::StatusOr<PreparedDataset> SplinkFake(const std::string& name,
                                           const std::string& data_dir,
                                           absl::string_view relative_path) {
  PreparedDataset dataset{.name = name, .entity_type = "person"};
  const std::string path = PathIn(data_dir, relative_path);
  MDM_ASSIGN_OR_RETURN(
      std::unique_ptr<CsvFile> file,
      CsvFile::Open(path, /*trim_values=*/false, &dataset.warnings));
  MDM_ASSIGN_OR_RETURN(const size_t id, file->Column("unique_id"));
  MDM_ASSIGN_OR_RETURN(const size_t cluster, file->Column("cluster"));
  absl::flat_hash_set<RecordKey> seen;
  std::vector<std::string> fields;
  while (file->Next(fields)) {
    AddRecord(dataset, seen, {name, fields[id]}, fields[cluster]);
  }
  dataset.imports.push_back(
      {path,
       name,
       {"--id-column=unique_id",
        "--map=first_name=given_name,surname=family_name,dob=birth_date",
        "--ignore=cluster"}});
  return dataset;
}

absl::StatusOr<PreparedDataset> AmazonGoogle(const std::string& data_dir) {
  PreparedDataset dataset{.name = "amazon_google",
                          .entity_type = "product",
                          .scoring = Scoring::kListedPairs};
  absl::flat_hash_set<RecordKey> seen;
  struct Table {
    const char* file;
    const char* source;
    std::vector<std::string> flags;
  };
  const Table tables[] = {
      {"amazon_google/Amazon.csv",
       "amazon",
       {"--id-column=id", "--map=title=name"}},
      {"amazon_google/GoogleProducts.csv", "google", {"--id-column=id"}},
  };
  std::vector<std::string> fields;
  for (const Table& table : tables) {
    const std::string path = PathIn(data_dir, table.file);
    MDM_ASSIGN_OR_RETURN(
        std::unique_ptr<CsvFile> file,
        CsvFile::Open(path, /*trim_values=*/false, &dataset.warnings));
    MDM_ASSIGN_OR_RETURN(const size_t id, file->Column("id"));
    while (file->Next(fields)) {
      AddRecord(dataset, seen, {table.source, fields[id]}, "");
    }
    dataset.imports.push_back({path, table.source, table.flags});
  }
  const std::string mapping_path =
      PathIn(data_dir, "amazon_google/Amzon_GoogleProducts_perfectMapping.csv");
  MDM_ASSIGN_OR_RETURN(
      std::unique_ptr<CsvFile> mapping,
      CsvFile::Open(mapping_path, /*trim_values=*/false, &dataset.warnings));
  MDM_ASSIGN_OR_RETURN(const size_t amazon, mapping->Column("idAmazon"));
  MDM_ASSIGN_OR_RETURN(const size_t google, mapping->Column("idGoogleBase"));
  while (mapping->Next(fields)) {
    dataset.truth_pairs.push_back(
        {{"amazon", fields[amazon]}, {"google", fields[google]}});
  }
  return dataset;
}

// Chicago early-childhood sites from nine source files, all in one CSV with
// a Source column: one import file per source, holding only the columns
// that are organization attributes, already named as attributes.
absl::StatusOr<PreparedDataset> Chicago(const std::string& data_dir,
                                        const std::string& scratch_dir) {
  PreparedDataset dataset{.name = "chicago", .entity_type = "organization"};
  const std::string path = PathIn(
      data_dir, "dedupe_chicago_childhood/csv_example_input_with_true_ids.csv");
  MDM_ASSIGN_OR_RETURN(
      std::unique_ptr<CsvFile> file,
      CsvFile::Open(path, /*trim_values=*/false, &dataset.warnings));
  MDM_ASSIGN_OR_RETURN(const size_t true_id, file->Column("True Id"));
  MDM_ASSIGN_OR_RETURN(const size_t id, file->Column("Id"));
  MDM_ASSIGN_OR_RETURN(const size_t source_column, file->Column("Source"));
  // Input column -> attribute, in the order written.
  const std::pair<const char*, const char*> kColumns[] = {
      {"Site name", "name"},
      {"Address", "address_line"},
      {"Zip", "postal_code"},
      {"Phone", "phone"}};
  std::vector<size_t> columns;
  std::string header = "Id";
  for (const auto& [column, attribute] : kColumns) {
    MDM_ASSIGN_OR_RETURN(const size_t index, file->Column(column));
    columns.push_back(index);
    absl::StrAppend(&header, ",", attribute);
  }

  absl::flat_hash_map<std::string, std::unique_ptr<std::ofstream>> outputs;
  absl::flat_hash_set<RecordKey> seen;
  std::vector<std::string> fields;
  while (file->Next(fields)) {
    const std::string source = SourceNameOf(fields[source_column]);
    std::unique_ptr<std::ofstream>& out = outputs[source];
    if (out == nullptr) {
      const std::string out_path =
          PathIn(scratch_dir, absl::StrCat("chicago_", outputs.size(), ".csv"));
      out = std::make_unique<std::ofstream>(out_path,
                                            std::ios::binary | std::ios::trunc);
      if (!*out) {
        return absl::FailedPreconditionError(
            absl::StrCat("cannot write ", out_path));
      }
      *out << header << "\n";
      dataset.imports.push_back({out_path, source, {"--id-column=Id"}});
    }
    std::string line = CsvField(fields[id]);
    for (size_t column : columns) {
      absl::StrAppend(&line, ",", CsvField(fields[column]));
    }
    *out << line << "\n";
    AddRecord(dataset, seen, {source, fields[id]}, fields[true_id]);
  }
  for (auto& [source, out] : outputs) {
    out->close();
    if (out->fail()) {
      return absl::DataLossError(
          absl::StrCat("writing the import file of source ", source, " in ",
                       scratch_dir, " failed"));
    }
  }
  return dataset;
}

absl::StatusOr<PreparedDataset> CompanyNames(const std::string& data_dir) {
  PreparedDataset dataset{.name = "company_names",
                          .entity_type = "organization",
                          .scoring = Scoring::kPairAccuracy};
  const std::string path =
      PathIn(data_dir, "company_names_mixed_zh_en/test_data_pairs.csv");
  MDM_ASSIGN_OR_RETURN(
      std::unique_ptr<CsvFile> file,
      CsvFile::Open(path, /*trim_values=*/false, &dataset.warnings));
  MDM_ASSIGN_OR_RETURN(const size_t x, file->Column("Name_x"));
  MDM_ASSIGN_OR_RETURN(const size_t y, file->Column("Name_y"));
  MDM_ASSIGN_OR_RETURN(const size_t target, file->Column("Targets"));
  std::vector<std::string> fields;
  while (file->Next(fields)) {
    const absl::string_view label = absl::StripAsciiWhitespace(fields[target]);
    if (label != "0" && label != "1") {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ": Targets must be 0 or 1, not '", fields[target], "'"));
    }
    dataset.labelled_pairs.push_back({fields[x], fields[y], label == "1"});
  }
  return dataset;
}

}  // namespace

const std::vector<std::string>& DatasetNames() {
  static const auto* names = new std::vector<std::string>{
      "febrl3",        "febrl4",  "fake_1000",     "fake_20000",
      "amazon_google", "chicago", "company_names", "febrl4_search"};
  return *names;
}

absl::StatusOr<PreparedDataset> PrepareDataset(absl::string_view name,
                                               const std::string& data_dir,
                                               const std::string& scratch_dir) {
  if (name == "febrl3") return Febrl3(data_dir);
  if (name == "febrl4") return Febrl4(data_dir);
  if (name == "febrl4_search") return Febrl4Search(data_dir, scratch_dir);
  if (name == "generated") return Generated(data_dir);
  if (name == "fake_1000") {
    return SplinkFake("fake_1000", data_dir, "splink_fake_1000/fake_1000.csv");
  }
  if (name == "fake_20000") {
    return SplinkFake("fake_20000", data_dir,
                      "splink_fake_20000/fake_20000.csv");
  }
  if (name == "amazon_google") return AmazonGoogle(data_dir);
  if (name == "chicago") return Chicago(data_dir, scratch_dir);
  if (name == "company_names") return CompanyNames(data_dir);
  return absl::InvalidArgumentError(
      absl::StrCat("unknown dataset '", name,
                   "'; known: ", absl::StrJoin(DatasetNames(), ", ")));
}

std::string SourceNameOf(absl::string_view text) {
  std::string name(text.substr(0, 64));
  for (char& c : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_' &&
        c != '.' && c != '-') {
      c = '_';
    }
  }
  return name.empty() ? "_" : name;
}

}  // namespace mdm::eval
