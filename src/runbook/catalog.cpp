#include "opsctl/runbook/catalog.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "opsctl/core/error.h"

namespace opsctl {

namespace fs = std::filesystem;

const Runbook* Catalog::find(const std::string& name) const {
    for (const auto& runbook : runbooks) {
        if (runbook.name == name) return &runbook;
    }
    return nullptr;
}

std::vector<std::string> Catalog::names() const {
    std::vector<std::string> result;
    for (const auto& runbook : runbooks) result.push_back(runbook.name);
    return result;
}

namespace {
std::vector<std::string> runbook_files(const std::vector<std::string>& paths) {
    std::vector<std::string> files;
    for (const auto& path : paths) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            std::vector<std::string> found;
            for (const auto& entry : fs::directory_iterator(path, ec)) {
                if (entry.is_regular_file() && entry.path().extension() == ".json") {
                    found.push_back(entry.path().string());
                }
            }
            if (found.empty()) throw UsageError("no runbook (*.json) in folder " + path);
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::exists(path, ec)) {
            files.push_back(path);
        } else {
            throw UsageError("no such runbook file or folder: " + path);
        }
    }
    return files;
}
}  // namespace

Catalog load_catalog(const std::vector<std::string>& paths) {
    Catalog catalog;
    std::map<std::string, std::string> file_of_runbook;
    for (const auto& file : runbook_files(paths)) {
        ++catalog.files;
        LoadResult loaded = load_runbook_file(file);
        catalog.diagnostics.insert(catalog.diagnostics.end(), loaded.diagnostics.begin(),
                                   loaded.diagnostics.end());
        if (!loaded.runbook) continue;
        const auto [it, inserted] = file_of_runbook.emplace(loaded.runbook->name, file);
        if (!inserted) {
            catalog.diagnostics.push_back(
                {file,
                 {1, 1},
                 "runbook",
                 "runbook \"" + loaded.runbook->name + "\" is also defined in " + it->second});
            continue;
        }
        catalog.runbooks.push_back(std::move(*loaded.runbook));
    }
    std::sort(catalog.runbooks.begin(), catalog.runbooks.end(),
              [](const Runbook& a, const Runbook& b) { return a.name < b.name; });
    return catalog;
}

}  // namespace opsctl
