// lifecycle/ (private) — text helpers shared by the files fluxd writes for people and partners
// (integration reports, lifecycle messages, status-update results): UTF-8 checking, XML
// escaping, an indenting XML writer, and the folder-name check.
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace lifecycle::detail {

// Decodes one UTF-8 sequence at text[i]; returns its length, or 0 when it is not valid UTF-8
// (overlong, surrogate, beyond U+10FFFF, truncated). `code_point` receives the value.
inline std::size_t utf8_sequence(std::string_view text, std::size_t i, char32_t& code_point) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  // Lead byte -> sequence length, payload bits, smallest code point it may encode.
  std::size_t length = 0;
  char32_t smallest = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code_point = lead & 0x1F;
    smallest = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code_point = lead & 0x0F;
    smallest = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code_point = lead & 0x07;
    smallest = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i + k) & 0x3F);
  }
  if (code_point < smallest || code_point > 0x10FFFF) return 0;
  if (code_point >= 0xD800 && code_point <= 0xDFFF) return 0;
  return length;
}

inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

// The text with every byte that is not valid UTF-8, and every NUL, replaced by U+FFFD.
inline std::string utf8_sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = 0;
    const std::size_t length = utf8_sequence(text, i, c);
    if (length == 0 || c == 0) {
      out += kReplacementCharacter;
      i += length == 0 ? 1 : length;
      continue;
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

// XML 1.0 "Char": what may appear in a document at all, even as a character reference.
inline bool is_xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// Escapes text for element content. Invoice data is untrusted: bytes that are not valid
// UTF-8 and characters XML cannot carry become U+FFFD instead of breaking the document.
inline std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = 0;
    const std::size_t length = utf8_sequence(text, i, c);
    if (length == 0 || !is_xml_char(c)) {
      out += kReplacementCharacter;
      i += length == 0 ? 1 : length;
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\r':
        out += "&#13;";
        break;  // a raw CR would be read back as LF
      default:
        out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

inline constexpr std::string_view kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

// Appends indented elements to a string; empty optional values are left out (the schemas make
// those elements optional) so a document never shows a made-up value.
class XmlWriter {
 public:
  void open(std::string_view name, std::string_view attributes = {}) {
    indent();
    out_ += fmt::format("<{}{}>\n", name, attributes);
    ++depth_;
  }
  void close(std::string_view name) {
    --depth_;
    indent();
    out_ += fmt::format("</{}>\n", name);
  }
  void element(std::string_view name, std::string_view text) {
    indent();
    out_ += fmt::format("<{0}>{1}</{0}>\n", name, xml_escape(text));
  }
  void element(std::string_view name, std::int64_t value) {
    element(name, std::string_view(std::to_string(value)));
  }
  void optional_element(std::string_view name, std::string_view text) {
    if (!text.empty()) element(name, text);
  }
  void empty_element(std::string_view name) {
    indent();
    out_ += fmt::format("<{}/>\n", name);
  }
  std::string take() { return std::move(out_); }
  void raw(std::string_view text) { out_ += text; }

 private:
  void indent() { out_.append(static_cast<std::size_t>(depth_) * 2, ' '); }
  std::string out_;
  int depth_ = 0;
};

// A partner code or sender names a folder: refuse anything that could leave the parent folder.
inline bool safe_folder_name(std::string_view name) {
  if (name.empty() || name == "." || name == "..") return false;
  for (char c : name)
    if (c == '/' || c == '\\' || c == '\0') return false;
  return true;
}

}  // namespace lifecycle::detail
