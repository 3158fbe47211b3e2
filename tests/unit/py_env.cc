#include "py_env.h"

#include <fstream>
#include <sstream>

namespace pyjit_test {

void
ensure_python()
{
    if (Py_IsInitialized())
        return;
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    config.install_signal_handlers = 0;
    config.write_bytecode = 0;
    PyStatus st = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    ASSERT_FALSE(PyStatus_Exception(st)) << "Py_InitializeFromConfig failed";
}

PyObject *
define(const std::string &source, const std::string &name)
{
    ensure_python();
    PyObject *globals = PyDict_New();
    PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
    PyDict_SetItemString(globals, "__name__", PyUnicode_FromString("test_module"));
    PyObject *r = PyRun_String(source.c_str(), Py_file_input, globals, globals);
    if (r == nullptr) {
        PyErr_Print();
        Py_DECREF(globals);
        return nullptr;
    }
    Py_DECREF(r);
    PyObject *f = PyDict_GetItemString(globals, name.c_str());
    Py_XINCREF(f);
    Py_DECREF(globals);
    return f;
}

PyObject *
code_of(const std::string &source, const std::string &name)
{
    PyObject *f = define(source, name);
    if (f == nullptr)
        return nullptr;
    PyObject *code = PyObject_GetAttrString(f, "__code__");
    Py_DECREF(f);
    return code;
}

std::string
read_file(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace pyjit_test
