using Marquee.Media.Storage;
using Marquee.TestSupport;

namespace Marquee.Media.Tests.Storage;

public sealed class ObjectStoreFactoryTests
{
    [Theory]
    [InlineData("filesystem")]
    [InlineData("FileSystem")]
    public void Filesystem_kind_uses_the_default_root_unless_one_is_set(string kind)
    {
        var defaultRoot = TestPaths.NewScratchFolder("factory-default");
        var configuredRoot = TestPaths.NewScratchFolder("factory-configured");
        try
        {
            var byDefault = Assert.IsType<FileSystemObjectStore>(ObjectStoreFactory.Create(new StorageOptions { Kind = kind }, defaultRoot));
            var configured = Assert.IsType<FileSystemObjectStore>(ObjectStoreFactory.Create(new StorageOptions { Kind = kind, Root = configuredRoot }, defaultRoot));

            Assert.Equal(defaultRoot, byDefault.Root);
            Assert.Equal(configuredRoot, configured.Root);
            Assert.Empty(ObjectStoreFactory.Validate(new StorageOptions { Kind = kind }));
        }
        finally
        {
            Directory.Delete(defaultRoot, recursive: true);
            Directory.Delete(configuredRoot, recursive: true);
        }
    }

    [Fact]
    public void S3_kind_builds_an_s3_store()
    {
        var options = new StorageOptions { Kind = "S3", S3 = { Bucket = "media", ServiceUrl = "http://127.0.0.1:9000", AccessKey = "k", SecretKey = "s" } };

        using var store = Assert.IsType<S3ObjectStore>(ObjectStoreFactory.Create(options, "/unused"));

        Assert.Empty(ObjectStoreFactory.Validate(options));
    }

    [Fact]
    public void An_unknown_kind_is_an_argument_error_naming_the_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => ObjectStoreFactory.Create(new StorageOptions { Kind = "azure" }, "/unused"));

        Assert.Contains("'azure'", error.Message);
        Assert.Contains("'filesystem' or 's3'", error.Message);
    }

    [Fact]
    public void S3_without_a_bucket_is_refused_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ObjectStoreFactory.Create(new StorageOptions { Kind = "s3" }, "/unused"));

        Assert.Contains("Storage:S3:Bucket is required", error.Message);
    }

    [Fact]
    public void Validate_lists_every_problem()
    {
        var options = new StorageOptions
        {
            Kind = "s3",
            S3 = { Bucket = "Bad_Bucket", ServiceUrl = "minio:9000", AccessKey = "only-half", KeyPrefix = "../up" },
        };

        var problems = ObjectStoreFactory.Validate(options).ToList();

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("Storage:S3:Bucket 'Bad_Bucket'"));
        Assert.Contains(problems, p => p.Contains("Storage:S3:ServiceUrl 'minio:9000'"));
        Assert.Contains(problems, p => p.Contains("AccessKey and Storage:S3:SecretKey"));
        Assert.Contains(problems, p => p.Contains("Storage:S3:KeyPrefix '../up'"));
        Assert.Equal(["Storage:Kind is 'gcs'; expected 'filesystem' or 's3'."], ObjectStoreFactory.Validate(new StorageOptions { Kind = "gcs" }));
    }
}
