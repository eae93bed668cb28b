package rxgate.rxrpc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.services.pt.PtEntry;
import rxgate.rxrpc.services.vl.NvldbEntry;
import rxgate.rxrpc.services.vl.VlConstants;
import rxgate.rxrpc.services.vl.VlSite;

/** Expected texts written from vsprocs.c SubEnumerateEntry / vos.c PrintLocked / pts.c format strings. */
class FormatTest {
    static final NvldbEntry ROOT_CELL = new NvldbEntry("root.cell",
            List.of(new VlSite(0x0A4D0001, 0, VlConstants.VLSF_RWVOL), new VlSite(0x0A4D0001, 0, VlConstants.VLSF_ROVOL),
                    new VlSite(0x0A4D0002, 1, VlConstants.VLSF_ROVOL)),
            536870912L, 536870913L, 536870914L, 0, VlConstants.VLF_RWEXISTS | VlConstants.VLF_ROEXISTS, 0);

    @Test
    void vosListvldbEntry() {
        assertThat(VosFormat.entry(ROOT_CELL)).isEqualTo("\n"
                + "root.cell \n"
                + "    RWrite: 536870912     ROnly: 536870913 \n"
                + "    number of sites -> 3\n"
                + "       server 10.77.0.1 partition /vicepa RW Site \n"
                + "       server 10.77.0.1 partition /vicepa RO Site \n"
                + "       server 10.77.0.2 partition /vicepb RO Site \n");
    }

    @Test
    void vosEntryWithBackupCloneReleaseStateAndLock() {
        NvldbEntry e = new NvldbEntry("v", List.of(new VlSite(0x0A000001, 27, VlConstants.VLSF_RWVOL),
                new VlSite(0x0A000002, 0, VlConstants.VLSF_ROVOL | VlConstants.VLSF_NEWREPSITE),
                new VlSite(0x0A000003, 0, VlConstants.VLSF_ROVOL)),
                1, 2, 3, 2, VlConstants.VLF_RWEXISTS | VlConstants.VLF_ROEXISTS | VlConstants.VLF_BACKEXISTS
                        | VlConstants.VLOP_RELEASE, 0);
        assertThat(VosFormat.entry(e)).isEqualTo("\n"
                + "v \n"
                + "    RWrite: 1             ROnly: 2             Backup: 3             RClone: 2         \n"
                + "    number of sites -> 3\n"
                + "       server 10.0.0.1 partition /vicepab RW Site \n"
                + "       server 10.0.0.2 partition /vicepa RO Site  -- New release\n"
                + "       server 10.0.0.3 partition /vicepa RO Site  -- Old release\n"
                + "    Volume is currently LOCKED  \n"
                + "    Volume is locked for a release operation\n");
    }

    @Test
    void vosNotReleasedSite() {
        NvldbEntry e = new NvldbEntry("v", List.of(new VlSite(0x0A000002, 0, VlConstants.VLSF_ROVOL | VlConstants.VLSF_DONTUSE)),
                1, 2, 0, 0, VlConstants.VLF_ROEXISTS, 0);
        assertThat(VosFormat.entry(e)).contains("       server 10.0.0.2 partition /vicepa RO Site  -- Not released\n");
    }

    @Test
    void vosListSortsByNameAndCounts() {
        NvldbEntry a = new NvldbEntry("a.vol", List.of(), 5, 0, 0, 0, VlConstants.VLF_RWEXISTS, 0);
        NvldbEntry b = new NvldbEntry("B.vol", List.of(), 6, 0, 0, 0, VlConstants.VLF_RWEXISTS, 0);
        String text = VosFormat.list(List.of(a, b));
        assertThat(text).startsWith("VLDB entries for all servers \n\nB.vol \n"); // strcmp: 'B' < 'a'
        assertThat(text).endsWith("    number of sites -> 0\n\nTotal entries: 2\n");
        assertThat(VosFormat.list(List.of())).isEqualTo("VLDB entries for all servers \n\nTotal entries: 0\n");
    }

    @Test
    void ptsExamine() {
        PtEntry alice = new PtEntry(0x80, 1, -204, 1, 20, 0, 0, "alice");
        assertThat(PtsFormat.examine(alice, "system:administrators", "admin", false)).isEqualTo(
                "Name: alice, id: 1, owner: system:administrators, creator: admin,\n"
                        + "  membership: 0, flags: S----, group quota: 20.\n");
        PtEntry admins = new PtEntry(0x90, -204, -204, -204, 0, 0, 2, "system:administrators");
        assertThat(PtsFormat.examine(admins, "system:administrators", "system:administrators", true)).isEqualTo(
                "Name: system:administrators, id: -204, owner: system:administrators, creator: system:administrators,\n"
                        + "  membership: 2, flags: S-M--, group quota: unlimited.\n");
    }

    @Test
    void ptsMembership() {
        assertThat(PtsFormat.membership("system:administrators", -204, List.of("admin", "alice")))
                .isEqualTo("Members of system:administrators (id: -204) are:\n  admin\n  alice\n");
        assertThat(PtsFormat.membership("alice", 1, List.of("system:administrators")))
                .isEqualTo("Groups alice (id: 1) is a member of:\n  system:administrators\n");
    }
}
