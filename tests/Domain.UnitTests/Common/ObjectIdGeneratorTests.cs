using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;

using Webchats.Domain.Common;

namespace Webchats.Domain.UnitTests.Common;

public sealed class ObjectIdGeneratorTests
{
    private static readonly DateTimeOffset SomeTime = new(2026, 11, 24, 20, 53, 44, TimeSpan.Zero);
    private static readonly byte[] ProcessBytes = [0x01, 0x02, 0x03, 0x04, 0x05];

    [Test]
    public void Next_KnownInputs_ProducesMongoDbLayout()
    {
        var generator = new ObjectIdGenerator(ProcessBytes, 0x0A0B0C);

        var id = generator.Next(DateTimeOffset.FromUnixTimeSeconds(0x5F5E1000));

        // 4 bytes of seconds, 5 process bytes, 3 counter bytes, all big-endian.
        Assert.That(id, Is.EqualTo("5f5e1000" + "0102030405" + "0a0b0c"));
    }

    [Test]
    public void Next_DefaultGenerator_ReturnsValidObjectId()
    {
        var id = new ObjectIdGenerator().Next(SomeTime);

        Assert.That(ObjectIds.IsValid(id), Is.True, id);
    }

    [Test]
    public void Next_TimestampBytes_DecodeBackToTheGivenSecond()
    {
        var time = new DateTimeOffset(2026, 11, 24, 20, 53, 44, 987, TimeSpan.Zero);

        var id = new ObjectIdGenerator().Next(time);

        var seconds = BinaryPrimitives.ReadUInt32BigEndian(Convert.FromHexString(id).AsSpan(0, 4));
        Assert.That(DateTimeOffset.FromUnixTimeSeconds(seconds), Is.EqualTo(time.AddMilliseconds(-987)));
    }

    [Test]
    public void Next_SameInstantInAnotherOffset_WritesTheSameTimestamp()
    {
        var generator = new ObjectIdGenerator(ProcessBytes, 0);
        var local = SomeTime.ToOffset(TimeSpan.FromHours(-7));

        Assert.That(generator.Next(local)[..8], Is.EqualTo(generator.Next(SomeTime)[..8]));
    }

    [Test]
    public void Next_UnixEpoch_WritesZeroTimestamp() =>
        Assert.That(new ObjectIdGenerator(ProcessBytes, 0).Next(DateTimeOffset.UnixEpoch)[..8], Is.EqualTo("00000000"));

    [Test]
    public void Next_LastSecondThatFitsFourBytes_WritesAllOnes() =>
        Assert.That(
            new ObjectIdGenerator(ProcessBytes, 0).Next(DateTimeOffset.FromUnixTimeSeconds(uint.MaxValue))[..8],
            Is.EqualTo("ffffffff"));

    [Test]
    public void Next_BeforeUnixEpoch_Throws() =>
        Assert.That(
            () => new ObjectIdGenerator().Next(DateTimeOffset.UnixEpoch.AddSeconds(-1)),
            Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public void Next_AfterYear2106_Throws() =>
        Assert.That(
            () => new ObjectIdGenerator().Next(DateTimeOffset.FromUnixTimeSeconds((long)uint.MaxValue + 1)),
            Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public void Next_ManyCalls_KeepProcessBytesConstantWithinAnInstance()
    {
        var generator = new ObjectIdGenerator();

        var processParts = Enumerable.Range(0, 100)
            .Select(i => generator.Next(SomeTime.AddSeconds(i))[8..18])
            .Distinct()
            .ToList();

        Assert.That(processParts, Has.Count.EqualTo(1));
    }

    [Test]
    public void Next_TwoDefaultGenerators_UseDifferentProcessBytes()
    {
        // Five random bytes each: a clash has probability 2^-40.
        var first = new ObjectIdGenerator().Next(SomeTime)[8..18];
        var second = new ObjectIdGenerator().Next(SomeTime)[8..18];

        Assert.That(first, Is.Not.EqualTo(second));
    }

    [Test]
    public void Next_ConsecutiveCalls_IncrementTheCounterByOne()
    {
        var generator = new ObjectIdGenerator(ProcessBytes, 41);

        var counters = Enumerable.Range(0, 3).Select(_ => Counter(generator.Next(SomeTime))).ToList();

        Assert.That(counters, Is.EqualTo(new[] { 41, 42, 43 }));
    }

    [Test]
    public void Next_CounterAtMaximum_WrapsToZero()
    {
        var generator = new ObjectIdGenerator(ProcessBytes, 0xFFFFFE);

        var suffixes = Enumerable.Range(0, 3).Select(_ => generator.Next(SomeTime)[18..]).ToList();

        Assert.That(suffixes, Is.EqualTo(new[] { "fffffe", "ffffff", "000000" }));
    }

    [Test]
    public void Ctor_CounterStartAboveThreeBytes_IsTakenModulo2To24() =>
        Assert.That(new ObjectIdGenerator(ProcessBytes, 0x1000005).Next(SomeTime)[18..], Is.EqualTo("000005"));

    [Test]
    public void Ctor_CounterStartZero_FirstIdHasCounterZero() =>
        Assert.That(new ObjectIdGenerator(ProcessBytes, 0).Next(SomeTime)[18..], Is.EqualTo("000000"));

    [TestCase(0)]
    [TestCase(4)]
    [TestCase(6)]
    public void Ctor_ProcessBytesNotFiveLong_Throws(int length) =>
        Assert.That(() => new ObjectIdGenerator(new byte[length], 0), Throws.ArgumentException);

    [Test]
    public void Next_10000ParallelCalls_AreUniqueAndUseConsecutiveCounters()
    {
        const int calls = 10_000;
        const int start = 0xFFFFFF - 5000; // the run crosses the wrap, too
        var generator = new ObjectIdGenerator(ProcessBytes, start);
        var ids = new ConcurrentBag<string>();

        Parallel.For(0, calls, new ParallelOptions { MaxDegreeOfParallelism = 16 }, _ => ids.Add(generator.Next(SomeTime)));

        var expectedCounters = Enumerable.Range(0, calls).Select(i => (start + i) & 0xFFFFFF).Order();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ids.Distinct().Count(), Is.EqualTo(calls));
            Assert.That(ids.Select(Counter).Order(), Is.EqualTo(expectedCounters));
        }
    }

    [Test]
    public void Next_10000ParallelCallsOnDefaultGenerator_AreUnique()
    {
        var generator = new ObjectIdGenerator();
        var ids = new ConcurrentBag<string>();

        Parallel.For(0, 10_000, _ => ids.Add(generator.Next(SomeTime)));

        Assert.That(ids.Distinct().Count(), Is.EqualTo(10_000));
    }

    private static int Counter(string id) => int.Parse(id[18..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
