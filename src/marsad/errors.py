"""The one error a bad input produces: it names the input and the reason, in one line."""


class InputError(Exception):
    def __init__(self, origin: str, reason: str):
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason
