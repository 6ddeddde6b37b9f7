/// @file web_page.hpp
/// The self-contained web page served at / (web_page.html, compiled in: no CDN, no files to install).
#pragma once

#include <string_view>

namespace newsdex::server {

std::string_view web_page_html();

}  // namespace newsdex::server
