/* Reference-count pass: cancels increfs and decrefs that nothing can observe.
 *
 * Requires: a verified PjFunc straight from the builder (literal reference counts).
 * Preserves: the shadow-stack invariant and every frame state; the value each op sees.
 * Removes: an `incref %v` and the first later `decref %v` (or `xdecref %v`) of the same
 *   value in the same block, when every op between them is *quiet*: it cannot raise,
 *   deoptimise, run Python code or free an object (so no code can read the count, and no
 *   exit can hand the frame to the interpreter while the reference is expected).
 *
 * The builder's literal translation produces such pairs wherever a value is pushed and
 * consumed by an operation that does not need it to stay alive on its own: `x is None`,
 * `if x is not None:`, `LOAD_FAST; POP_TOP`, and `is`/`not` tests on locals.  Everything
 * that may observe a count (calls, operators that may run __dunder__ methods) keeps the
 * interpreter's exact counts.
 */
#include "ir/passes.h"

static int
is_quiet(const PjInstr *in)
{
    switch (in->op) {
    case PJ_IR_null:
    case PJ_IR_none:
    case PJ_IR_const_obj:
    case PJ_IR_load_local:
    case PJ_IR_load_stack:
    case PJ_IR_store_stack:
    case PJ_IR_incref:
    case PJ_IR_is:
    case PJ_IR_is_null:
    case PJ_IR_bool_not:
    case PJ_IR_box_bool:
        return 1;
    default:
        return 0;
    }
}

int
pj_pass_refcount(PjFunc *fn)
{
    int removed = 0;
    for (PjBlock *b = fn->entry; b != NULL; b = b->next) {
        for (PjInstr *in = b->first; in != NULL;) {
            PjInstr *next = in->next;
            if (in->op == PJ_IR_incref) {
                const PjInstr *v = in->args[0];
                for (PjInstr *p = in->next; p != NULL; p = p->next) {
                    if ((p->op == PJ_IR_decref || p->op == PJ_IR_xdecref) && p->args[0] == v) {
                        if (next == p)
                            next = p->next;
                        pj_ir_remove(p);
                        pj_ir_remove(in);
                        removed += 2;
                        break;
                    }
                    if (!is_quiet(p))
                        break;
                }
            }
            in = next;
        }
    }
    return removed;
}
