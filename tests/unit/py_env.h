// One embedded CPython 3.11 for all unit tests (started once, never finalised), and
// helpers to get code objects out of Python source.
#pragma once

#include <Python.h>
#include <gtest/gtest.h>

#include <string>

namespace pyjit_test {

// Starts the interpreter on first use.
void ensure_python();

// Compiles `source`, runs it in a fresh module dict and returns a new reference to the
// global `name` (a function), or nullptr with the Python error printed.
PyObject *define(const std::string &source, const std::string &name);

// The code object of function `name` defined by `source` (new reference).
PyObject *code_of(const std::string &source, const std::string &name);

// Reads a whole file; empty string if missing.
std::string read_file(const std::string &path);

} // namespace pyjit_test
