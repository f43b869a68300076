package graph

import (
	"context"
	"errors"
	"testing"
)

// opaqueErr is a driver error that does not wrap the context's error.
type opaqueErr struct{}

func (opaqueErr) Error() string { return "Reading from connection has been canceled: context canceled" }

// TestTranslateCtx checks that an error under an ended context is that end:
// a hang-up stays context.Canceled (499), a deadline is ErrTimeout (504),
// even when the driver's error does not wrap them; a live context changes
// nothing.
func TestTranslateCtx(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithTimeout(context.Background(), 0)
	defer cancel2()
	tests := []struct {
		name string
		ctx  context.Context
		want error
	}{
		{"cancelled", cancelled, context.Canceled},
		{"past its deadline", expired, ErrTimeout},
	}
	for _, tt := range tests {
		if err := translateCtx(tt.ctx, opaqueErr{}); !errors.Is(err, tt.want) {
			t.Errorf("%s: translateCtx = %v, want %v", tt.name, err, tt.want)
		}
	}
	if err := translateCtx(context.Background(), opaqueErr{}); errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) {
		t.Errorf("live context: translateCtx = %v, want the error as it was", err)
	}
}
