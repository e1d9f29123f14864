package fit

import (
	"math/rand/v2"
	"testing"

	mcrc "github.com/muktihari/fit/kit/hash/crc16"
)

// TestCRC16 checks the slicing-by-16 CRC against the reference nibble-table
// implementation shipped with muktihari/fit, for every length up to 64 and
// for split writes.
func TestCRC16(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	buf := make([]byte, 4096)
	for i := range buf {
		buf[i] = byte(r.Uint32())
	}
	for n := 0; n <= 64; n++ {
		ref := mcrc.New()
		ref.Write(buf[:n])
		if got := crc16(0, buf[:n]); got != ref.Sum16() {
			t.Fatalf("len %d: got %#04x, want %#04x", n, got, ref.Sum16())
		}
	}
	ref := mcrc.New()
	ref.Write(buf)
	if got := crc16(crc16(0, buf[:1001]), buf[1001:]); got != ref.Sum16() {
		t.Fatalf("split: got %#04x, want %#04x", got, ref.Sum16())
	}
	// The FIT header example from muktihari's own test.
	hdr := []byte{14, 32, 84, 8, 214, 204, 9, 0, 46, 70, 73, 84}
	if got := crc16(0, hdr); got != 12856 {
		t.Fatalf("header: got %d, want 12856", got)
	}
}
