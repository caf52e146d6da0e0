namespace CcTsa.Crypto.Common;

/// <summary>
/// The outcome of an operation on untrusted input or peer messages: a value or an error value.
/// Expected failures (bad share, bad request) are values; our own bugs are exceptions.
/// </summary>
public readonly struct Result<T, TError>
{
    private readonly T? _value;
    private readonly TError? _error;

    private Result(T? value, TError? error, bool ok) { _value = value; _error = error; IsOk = ok; }

    public bool IsOk { get; }

    public T Value => IsOk ? _value! : throw new InvalidOperationException("Result holds an error, not a value: " + _error);

    public TError Error => !IsOk ? _error! : throw new InvalidOperationException("Result holds a value, not an error.");

    public static Result<T, TError> Ok(T value) => new(value, default, true);

    public static Result<T, TError> Fail(TError error) => new(default, error, false);

    public static implicit operator Result<T, TError>(T value) => Ok(value);

    public bool TryGet(out T value, out TError error)
    {
        value = _value!;
        error = _error!;
        return IsOk;
    }
}
