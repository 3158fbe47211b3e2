# pyjit-corpus: uncaught AttributeError raised deep inside compiled methods (property -> method -> __getattr__-less lookup with a "Did you mean" suggestion), traceback lines and carets of every compiled frame exact, output printed before the failure flushed
# pyjit-compiled: Account.__init__, Account.summary, Account.formatted, Bank.__init__, Bank.open
# pyjit-compiled: Bank.report, main
# pyjit-exit: 1


class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance

    @property
    def summary(self):
        return "%s: %s" % (self.owner,
                           self.formatted())

    def formatted(self):
        return "%.2f %s" % (self.balance,
                            self.curency)


class Bank:
    def __init__(self):
        self.accounts = []

    def open(self, owner, balance):
        acct = Account(owner, balance)
        self.accounts.append(acct)
        return acct

    def report(self):
        lines = []
        for acct in self.accounts:
            lines.append(acct.owner)
        for acct in self.accounts:
            lines.append(
                acct.summary
            )
        return lines


def main():
    bank = Bank()
    for name, amount in (("ann", 10), ("bob", 20)):
        bank.open(name, amount)
    print("opened", len(bank.accounts))
    Account.currency = "EUR"
    return bank.report()


print(main())
