# pyjit-corpus: a class attribute whose type gains __get__/__set__ after attribute loads and stores of instances were compiled and cached (no version of the instance's type changes): the descriptor must win from then on, as in test_opcache
# pyjit-compiled: C.__init__, f, g, <module>
class Descriptor:
    pass
class C:
    def __init__(self):
        self.x = 1
    x = Descriptor()
def f(o):
    return o.x
def g(o, v):
    o.x = v
o = C()
for i in range(2000):
    assert f(o) == 1
    g(o, 1)
Descriptor.__get__ = lambda self, instance, value: 2
log = []
Descriptor.__set__ = lambda self, inst, v: log.append(v)
print(f(o))
g(o, 5); print(log, o.__dict__)
