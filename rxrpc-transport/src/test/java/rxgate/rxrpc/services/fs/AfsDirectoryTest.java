package rxgate.rxrpc.services.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AfsDirectoryTest {

    @Test
    void hashMatchesTheLiveBuckets() {
        // afs-rpcs.md §6: ".", "..", "hello.txt", "subdir" were found in buckets 46, 68, 18, 95
        assertThat(AfsDirectory.hash(".")).isEqualTo(46);
        assertThat(AfsDirectory.hash("..")).isEqualTo(68);
        assertThat(AfsDirectory.hash("hello.txt")).isEqualTo(18);
        assertThat(AfsDirectory.hash("subdir")).isEqualTo(95);
        assertThat(AfsDirectory.hash("")).isZero();
    }

    @Test
    void slotCounts() {
        assertThat(AfsDirectory.slotsFor(1)).isEqualTo(1);
        assertThat(AfsDirectory.slotsFor(15)).isEqualTo(1);
        assertThat(AfsDirectory.slotsFor(16)).isEqualTo(2);
        assertThat(AfsDirectory.slotsFor(47)).isEqualTo(2);
        assertThat(AfsDirectory.slotsFor(48)).isEqualTo(3);
    }

    @Test
    void listsAndLooksUpEntries() {
        String longName = "a-file-with-a-rather-long-name-spanning-three-dir-blobs.txt";
        byte[] img = new DirectoryImage(1).add(".", 1, 1).add("..", 1, 1).add("hello.txt", 2, 2)
                .add("subdir", 3, 6).add(longName, 4, 7).build();
        AfsDirectory d = AfsDirectory.parse(img);
        assertThat(d.pages()).isEqualTo(1);
        assertThat(d.entries()).extracting(AfsDirectory.Entry::name)
                .containsExactly(".", "..", "hello.txt", "subdir", longName);
        assertThat(d.lookup("subdir")).contains(new AfsDirectory.Entry("subdir", 3, 6));
        assertThat(d.lookup(longName).orElseThrow().fid(536870915)).isEqualTo(new AfsFid(536870915, 4, 7));
        assertThat(d.lookup("missing")).isEmpty();
        assertThat(d.lookup("hello.tx")).isEmpty();
        assertThat(d.lookup("subdir").orElseThrow().isDirectoryVnode()).isTrue();
    }

    @Test
    void chainsInOneBucketAndSeveralPages() {
        DirectoryImage b = new DirectoryImage(3).add(".", 1, 1).add("..", 1, 1);
        for (int i = 0; i < 150; i++) {
            b.add("file-" + i, 2 * i + 2, i + 100);
        }
        AfsDirectory d = AfsDirectory.parse(b.build());
        assertThat(d.entries()).hasSize(152);
        for (int i = 0; i < 150; i++) {
            assertThat(d.lookup("file-" + i)).contains(new AfsDirectory.Entry("file-" + i, 2 * i + 2, i + 100));
        }
    }

    @Test
    void rejectsCorruption() {
        assertThatThrownBy(() -> AfsDirectory.parse(new byte[100])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AfsDirectory.parse(new byte[2048])).hasMessageContaining("tag");
        // a chain pointing into the header
        assertThatThrownBy(() -> AfsDirectory.parse(new DirectoryImage(1).head(5, 3).build()))
                .isInstanceOf(IllegalArgumentException.class);
        // a chain that loops
        byte[] img = new DirectoryImage(1).add("x", 2, 2).build();
        int bucket = AfsDirectory.hash("x");
        int off = 13 * 32;
        img[off + 2] = 0;
        img[off + 3] = 13; // points to itself
        assertThat(bucket).isBetween(0, 127);
        assertThatThrownBy(() -> AfsDirectory.parse(img)).hasMessageContaining("loops");
        // a name running off its page
        byte[] img2 = new DirectoryImage(1).add("y", 2, 2).build();
        for (int i = 13 * 32 + 12; i < 2048; i++) {
            img2[i] = 'y';
        }
        assertThatThrownBy(() -> AfsDirectory.parse(img2)).hasMessageContaining("off its page");
        assertThat(List.of()).isEmpty();
    }
}
